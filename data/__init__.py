"""The curated data package: tables, stored source texts and the code that reads and checks them."""
