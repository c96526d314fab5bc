"""The application: the page's state and its callbacks (state), the plan of what a page shows for a
view (page), the process's package loader (loading), its server's tuning (sockets, preload)."""
