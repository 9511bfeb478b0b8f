UPDATE articles SET reasons = 'not json' WHERE id = 1;
