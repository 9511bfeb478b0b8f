UPDATE articles SET report = '[]' WHERE id = 1;
