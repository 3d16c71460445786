"""Import every module that registers questions (one module per question, next to its .cypher)."""
from . import structures  # noqa: F401
from . import snapshot  # noqa: F401
from . import statutory_holders  # noqa: F401
from . import span_of_control  # noqa: F401
from . import interim_exposure  # noqa: F401
from . import accountability_split  # noqa: F401
from . import chain  # noqa: F401
from . import combined_roles  # noqa: F401
from . import function_owner  # noqa: F401
from . import dcs_accountability  # noqa: F401
from . import checks  # noqa: F401
