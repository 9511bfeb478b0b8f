UPDATE articles SET flagged = '{{' WHERE id = 1;
