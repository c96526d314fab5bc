"""The deployment recipe: N page servers behind nginx, which adds the security headers, keeps the servers'
metrics private, serves the country shapes with caching and keeps each reader on one process. It imports
neither streamlit nor the benchmarks: the servers are `streamlit run dashboard.py` child processes."""
