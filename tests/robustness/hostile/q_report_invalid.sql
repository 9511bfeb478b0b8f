UPDATE articles SET report = '{"schema": "rhetoric.report/1", ' WHERE id = 1;
