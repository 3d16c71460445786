// The source documents of a structure's council: each id with its title, date and file, so a report or
// an answer can name the document a fact rests on rather than print its id alone.
MATCH (s:Structure {id: $structure})
MATCH (src:Source {council: s.council})
RETURN src.id AS source, src.title AS title, src.date AS date, src.file AS file
