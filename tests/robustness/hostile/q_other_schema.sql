CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT);
INSERT INTO articles (title) VALUES ('hello');
