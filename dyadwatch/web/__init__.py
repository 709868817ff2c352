"""The read-only web dashboard over a store: `create_app(store_path, settings=...)`.

Pages and their JSON twins are listed in `dyadwatch.web.app`; `dyadwatch serve` runs the app with uvicorn.
"""

from __future__ import annotations

from dyadwatch.web.app import create_app

__all__ = ["create_app"]
