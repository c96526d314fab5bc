"""The data package and the country shapes as typed tables, and the checks that prove them."""
