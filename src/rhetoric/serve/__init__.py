"""`rhetoric serve`: the review desk in the browser and a versioned HTTP API for a CMS, one FastAPI app.

    from rhetoric.serve import Settings, create_app
    app = create_app(Settings(db=Path("queue.sqlite")))   # then run it with uvicorn
"""

from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
