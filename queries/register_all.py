"""Import every module that registers questions (one module per question, next to its .cypher)."""
from . import structures  # noqa: F401
from . import snapshot  # noqa: F401
