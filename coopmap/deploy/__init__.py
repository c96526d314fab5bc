"""The deployment recipe: N page servers behind nginx, which adds the security headers, keeps the
servers' metrics private, serves the country shapes with caching and keeps each reader on one process.

    python -m coopmap.deploy --processes 2 --port 8080 [--address 0.0.0.0] [-- --data FOLDER]

Runs in the foreground; Ctrl-C or SIGTERM ends nginx and every server by its own PID. It imports
neither streamlit nor the benchmarks: the servers are `streamlit run dashboard.py` child processes.
"""
