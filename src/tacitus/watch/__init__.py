"""Live feeds: ``tacitus watch`` reads RSS/Atom feeds and sitemaps, fetches new and
revised articles politely, and ingests them through the same pipeline as ``tacitus
ingest``; alert rules then report the new events that match them.

One module per concern: ``config`` (the sources file), ``fetch`` (polite HTTP),
``listing`` (feeds and sitemaps into article URLs), ``cycle`` (one reading of every
source), ``alerts`` (rules, the JSON Lines file and the webhook) and ``feed_server``
(a local feed of a folder of articles, for trying it out and for tests).
"""
