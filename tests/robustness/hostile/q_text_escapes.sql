UPDATE articles SET text = text || char(27) || '[2J' || char(7), source = 'x' || char(27) || ']0;t' || char(7) || '.txt' WHERE id = 1;
