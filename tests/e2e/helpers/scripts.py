"""Scripts that several e2e test modules run in the page."""

# What user code's network attempts must say (site/py's network guard).
OFFLINE = "Network access is disabled in the colornet playground"


def short_training(steps=300, hidden="[3, 32, 3]", report_every=10, extra=""):
    """A small, fast training script in the style of the default one; prints "done STEPS COST" at the end."""
    return f"""import colornet as cn
x = cn.random_colours(2000, 0)
y = cn.complement(x)
net = cn.Network.from_sizes({hidden}, hidden="relu", output="linear", seed=0)
optimizer = cn.Adam(net.parameters(), lr=0.003)
result = await cn.train_async(net, x, y, loss=cn.MeanSquaredError(), optimizer=optimizer,
                              batch_size=25, steps={steps}, report_every={report_every},
                              callback=playground.report)
{extra}print("done", result.steps, result.cost)
"""


# Every way user code might reach the network (sockets, WebSocket, EventSource, fetch): each prints "NAME -> ...".
NETWORK_ATTEMPTS = """import socket, _socket, js
from pyodide.http import pyfetch
attempts = {
    "socket.create_connection": lambda: socket.create_connection(("example.com", 80), timeout=2),
    "socket.connect": lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("93.184.216.34", 443)),
    "socket.connect_ex": lambda: socket.socket().connect_ex(("example.com", 80)),
    "socket.sendto": lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("93.184.216.34", 53)),
    "_socket.connect": lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM).connect(("93.184.216.34", 80)),
    "_socket.connect_ex": lambda: _socket.socket().connect_ex(("93.184.216.34", 80)),
    "_socket.sendto": lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM).sendto(b"x", ("93.184.216.34", 53)),
    "WebSocket": lambda: js.WebSocket.new("wss://example.com/socket"),
    "EventSource": lambda: js.EventSource.new("https://example.com/events"),
}
for name, attempt in attempts.items():
    try:
        print(name, "->", "CONNECTED", attempt())
    except Exception as exc:
        print(name, "->", exc)
try:
    await pyfetch("https://example.com/")
    print("fetch -> CONNECTED")
except Exception as exc:
    print("fetch ->", exc)
"""
