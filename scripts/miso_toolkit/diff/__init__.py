"""`miso diff`: find the changes between two versions of the spec that break SDK users.

The public surface: `main` (the sub-command), `diff_specs` (compare two contracts or documents),
the loaders, `check_against_main` (the lint gate), and the rule catalogue.
"""

from ._change import Change
from ._cli import main
from ._load import Loaded, LoadError, load_file, load_revision, load_side
from ._walk import diff_specs
from .gate import check_against_main
from .rules import RULES, Level, Rule

__all__ = [
    "RULES",
    "Change",
    "Level",
    "LoadError",
    "Loaded",
    "Rule",
    "check_against_main",
    "diff_specs",
    "load_file",
    "load_revision",
    "load_side",
    "main",
]
