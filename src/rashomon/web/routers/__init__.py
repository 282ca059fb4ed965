"""One router per resource: each serves its pages and, under ``/api``, its JSON."""
