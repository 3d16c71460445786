"""The dashboard as `remit dashboard` serves it: app.py inside Streamlit's ASGI App, with the
security headers of dashboard/headers.py on every response (Streamlit's own server sets none).
`streamlit run` finds `app` here and serves it with uvicorn; AppTest still runs app.py directly."""

import streamlit as st
from starlette.middleware import Middleware

from remit.dashboard.headers import SecurityHeaders

app = st.App("app.py", middleware=[Middleware(SecurityHeaders)])
