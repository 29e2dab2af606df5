# Sourced by scripts/run and scripts/test: find a Python >= 3.11 that can make a virtualenv.
# Sets $root (the checkout, symlinks resolved) and $python. Messages are for users: Chinese.
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

python=""
for candidate in ${JIXIAO_PYTHON:-} python3 python3.13 python3.12 python3.11 python; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$(command -v "$candidate")"
    break
  fi
done
if [ -z "$python" ]; then
  {
    echo "错误：需要 Python 3.11 或更高版本，但没有找到。"
    echo "  Debian/Ubuntu：sudo apt-get install -y python3 python3-venv"
    echo "  其他系统：从 https://www.python.org/downloads/ 安装，或用 JIXIAO_PYTHON=/路径/python3 指定。"
  } >&2
  exit 1
fi
# Debian splits venv (and ensurepip) out of python3: without it `-m venv` fails half-way.
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  version="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  {
    echo "错误：$python（Python $version）缺少创建虚拟环境所需的 venv 模块。"
    echo "  Debian/Ubuntu：sudo apt-get install -y python3-venv（或 python$version-venv）"
  } >&2
  exit 1
fi
