# Shared by scripts/run and scripts/test: make (once) and enter the project's virtualenv.
# A fresh machine has only Python, pip and apt, and Debian's Python refuses system-wide
# pip installs (PEP 668), so everything goes into .venv beside the checkout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${JIXIAO_VENV:-$root/.venv}"
extras="${1:-}"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    echo "无法创建虚拟环境：请先安装 python3-venv（sudo apt-get install -y python3-venv）。" >&2
    exit 1
  fi
fi
stamp="$venv/.jixiao-installed$extras"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -e "$root$extras"
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
cd "$root"
