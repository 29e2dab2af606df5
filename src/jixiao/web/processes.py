"""Serving the workbench from several processes (``jixiao serve --workers N``).

uvicorn's own ``--workers`` path binds the listening socket with ``proto`` 0; accepted
connections inherit it and asyncio then leaves Nagle's algorithm on (it sets ``TCP_NODELAY``
only for sockets that say ``IPPROTO_TCP``), so every keep-alive request after the first waits
~40 ms for the client's delayed ACK (uvicorn issue #3149, open as of uvicorn 0.54). The one
process path is not affected. Here the socket is bound the same way but labelled as TCP, and
handed to uvicorn's process supervisor.
"""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

__all__ = ["APP_FACTORY", "TcpConfig", "run_workers"]

APP_FACTORY = "jixiao.web.app:create_app"
"""Each process builds its app from the environment (database URL, session key)."""


class TcpConfig(uvicorn.Config):
    """uvicorn's configuration, with a listening socket that says it is TCP."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp


def run_workers(*, host: str, port: int, workers: int) -> None:
    """Serve ``APP_FACTORY`` from ``workers`` processes until interrupted."""
    config = TcpConfig(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,  # the peer's address, never X-Forwarded-For (see cli.serve)
    )
    sock = config.bind_socket()
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
