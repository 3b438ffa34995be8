"""sockets.py - Unix-domain sockets (kernel/net, syscall/sys_socket.c).

Differential: Linux (this host) runs the same binaries and must print the
same. socket_errors with "tinyos" adds the checks where this host's Linux
differs from a Tiny OS on purpose (AF_INET is built into Linux, not into
Tiny OS: EAFNOSUPPORT); socket_leak "strict" asks for an exact free-frame
count, meaningful only on Tiny OS.
"""

USER_TESTS = [
    dict(name="socket-pair", prog="socket_pair", status=0, differential=True),
]
USER_TESTS += [
    dict(name="socket-server", prog="socket_server", status=0, differential=True),
    dict(name="socket-server-tinyos", prog="socket_server", args=["tinyos"], status=0),
]
