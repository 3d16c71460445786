"""What people read: tables for people, the org chart's layout, the restructure story, the national
overview and the committee report — built from queries' answers and diff's changes, the same for
the command line, the dashboard and the report."""
