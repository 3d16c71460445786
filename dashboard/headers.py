"""Headers every dashboard response carries (issue 25, finding 8: the dashboard could be framed).

X-Frame-Options SAMEORIGIN and Content-Security-Policy frame-ancestors 'self': no other site can
show the dashboard inside a frame of its own (clickjacking: a visitor clicking buttons they cannot
see). The app's own frames (the chart component, served from the same origin) still load.
X-Content-Type-Options nosniff: a download is never run as another type than it says.
A pure ASGI middleware (no Streamlit import), added by dashboard/server.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADERS: dict[str, str] = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
}


class SecurityHeaders:
    """Adds HEADERS to every HTTP response (a header the app already set is left as it is)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message.get("type") == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {bytes(k).lower() for k, _ in headers}
                for name, value in HEADERS.items():
                    if name.lower().encode("latin-1") not in present:
                        headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
