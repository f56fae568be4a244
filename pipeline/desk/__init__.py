"""The visa desk in a browser (``tourdesk desk``): server-rendered pages over the same plain
functions the command line calls.

Modules others may use: ``app`` (``create_app``), ``web`` (``DeskConfig``, ``DeskRefused``),
``serve`` (``desk_config``, ``serve``). ``routes/`` holds one module per area (import, trips,
print, clients, review, login); ``templates/``, ``static/`` and ``locale/`` ship with the package: nothing is
fetched from the internet and there is no front-end build step.
"""
