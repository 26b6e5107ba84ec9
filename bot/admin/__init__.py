"""The staff pages under /admin/: what citizens asked, behind a login."""
