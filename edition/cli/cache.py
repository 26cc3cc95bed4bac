"""``edition cache [clear]``: where `edition` keeps its derived tables, how big, and emptying it."""
from __future__ import annotations

import argparse

from .. import cache as _cache
from ._common import HelpFormatter, quiet_parent, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cache", parents=[quiet_parent()], formatter_class=HelpFormatter,
        help="show or clear the cache of derived tables (~/.cache/edition)",
        description="`edition` keeps tables it derives from its word lists (a few seconds to\n"
                    "build, 13 to 26 MB per version) in $EDITION_CACHE, else\n"
                    "$XDG_CACHE_HOME/edition, else ~/.cache/edition, so that a command starts in\n"
                    f"a fraction of a second. Entries unused for {_cache.MAX_IDLE_DAYS} days (an older "
                    "version's) are\nremoved by themselves. `edition cache` shows the folder and its "
                    "size;\n`edition cache clear` empties it (the next command rebuilds what it needs).",
        epilog="examples:\n  edition cache\n  edition cache clear")
    p.add_argument("action", nargs="?", choices=["show", "clear"], default="show",
                   help="show (default) or clear")
    p.set_defaults(func=run_cache)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def run_cache(args: argparse.Namespace) -> int:
    if args.action == "clear":
        files, size = _cache.clear()
        say(args, f"removed {files} file(s), {_mb(size)}, from {_cache.cache_dir()}")
        return 0
    folder, files, size = _cache.usage()
    print(f"{folder}: {files} file(s), {_mb(size)}; entries unused for {_cache.MAX_IDLE_DAYS} "
          "days are removed by themselves; `edition cache clear` empties it")
    return 0
