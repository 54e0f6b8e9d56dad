"""The API's routes, one router per resource; `create_app` (api/app.py) includes them in this order.

Each module's `router` takes what it needs from the app through the `Context` dependency (api/context.py)
and the filters through `Filters` (api/params.py). They are sync functions: FastAPI runs them in its
thread pool, each thread with its own read-only connection (api/stores.py).
"""
