UPDATE articles SET report = replace(report, '"flagged":{', '"x":NaN,"flagged":{') WHERE id = 1;
UPDATE articles SET flagged = '{"hedging": NaN}' WHERE id = 1;
