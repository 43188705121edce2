"""What the playground's Python cannot do, said clearly: typed input and network connections.

The worker calls `install(offline_message)` once at boot, before the first run, with the message its fetch/XHR/
WebSocket/EventSource shims use (site/src/worker/offline-fetch.js), so every way out fails with the same words.
- `input()` raises `InputNotAvailable` (an EOFError, so loops that stop at end of input still stop) saying that
  the playground has no typed input, instead of Pyodide's "OSError: [Errno 29] I/O error".
- `socket` connections (`create_connection`, `socket.connect`, `connect_ex`, `sendto`; and so urllib, http.client)
  raise `OfflineError` (a ConnectionError) with the offline message, instead of Emscripten's emulated sockets
  pretending to connect. The raw C socket type (`_socket.socket`, `socket.SocketType`) is replaced by a subclass
  that refuses the same way (Emscripten's own error for it was "[Errno 23] Host is unreachable").
The run lifecycle's module guard (playground.py) snapshots `builtins` after this ran, so a run that replaces
`input` gets this one back.
"""
import _socket
import builtins
import socket

INPUT_MESSAGE = ("input() is not available in the playground: running code cannot ask for typed input. "
                 "Put the value in the code instead, e.g. name = \"Ada\".")


class InputNotAvailable(EOFError):
    """input() in the playground."""


class OfflineError(ConnectionError):
    """A network connection from the playground's Python."""


def _no_input(prompt=""):
    raise InputNotAvailable(INPUT_MESSAGE)


def _address(address):
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)


def install(offline_message):
    """Replace input() and the socket functions that open connections (idempotent)."""

    def refuse(address):
        raise OfflineError(f"{offline_message}: {_address(address)}")

    def connect(self, address):
        refuse(address)

    def sendto(self, data, *flags_and_address):
        refuse(flags_and_address[-1] if flags_and_address else "?")

    def create_connection(address, *args, **kwargs):
        refuse(address)

    builtins.input = _no_input
    socket.socket.connect = connect
    socket.socket.connect_ex = connect
    socket.socket.sendto = sendto
    socket.create_connection = create_connection
    if not getattr(_socket.socket, "offline", False):
        raw = type("socket", (_socket.socket,), {"connect": connect, "connect_ex": connect, "sendto": sendto,
                                                  "offline": True, "__module__": "_socket"})
        _socket.socket = _socket.SocketType = socket.SocketType = raw
    return "null"
