PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE articles (
    rowid        INTEGER PRIMARY KEY,            -- ingest order
    id           TEXT NOT NULL UNIQUE,           -- article id as stored (may carry a ~N suffix)
    original_id  TEXT NOT NULL,                  -- article id as given by the reader
    content_key  TEXT NOT NULL UNIQUE,           -- sha256 hex of text
    url          TEXT,
    title        TEXT,
    date         TEXT,                           -- publication date YYYY-MM-DD
    lang         TEXT,
    source       TEXT,
    text         TEXT NOT NULL,
    meta         TEXT NOT NULL DEFAULT '{}',     -- json object of extra reader fields
    tokens       BLOB NOT NULL,                  -- compact token layer (see codec.rs)
    diagnostics  TEXT NOT NULL DEFAULT '[]'      -- json array
);
INSERT INTO articles VALUES(1,'s1','s1','05fa2a9e1eaca484d3e9c5bed416df450cf1c3bc3e79dbc9adf5f602857f55d6','https://news.example/1','Sahel dispatch 1','2024-03-17','en','sample','On 4 March 2024 in Ouagadougou, the United States sent aid to Burkina Faso, Col. Abdramane said (dispatch 1.0), citing 131 soldiers. On 5 March 2024 in Niamey, Mali revoked its agreement with Côte d’Ivoire, Col. Abdramane said (dispatch 1.1), citing 132 soldiers. On 6 March 2024 in Agadez, Burkina Faso held talks with France, Col. Abdramane said (dispatch 1.2), citing 133 soldiers. ','{}',X'0010060804280c200a100658160a041808300e300e200a18081006381020080a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410060804280c200a1006300c0a04200a381018084814200a280c08021b06300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410060804280c200a1006300c0a043810200a200a280c200a300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a','[{"span":null,"severity":"info","stage":"sample","message":"synthetic article 1"}]');
INSERT INTO articles VALUES(2,'s2','s2','5960637648caf07465e0a89fd542ba0aba0549d3fc7622e27e48f022bf3fb92a','https://news.example/2','Sahel dispatch 2','2024-03-17','en','sample','On 7 March 2024 in Bamako, Mali accused France, Col. Abdramane said (dispatch 2.0), citing 162 soldiers. On 8 March 2024 in Ouagadougou, Burkina Faso sent aid to Niger, Col. Abdramane said (dispatch 2.1), citing 163 soldiers. On 9 March 2024 in Niamey, Côte d’Ivoire revoked its agreement with the United States, Col. Abdramane said (dispatch 2.2), citing 164 soldiers. ','{}',X'0010060804280c200a1006300c0a04200a3810300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410060804280c200a100658160a043810200a200a18081006280a0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410060804280c200a1006300c0a04280c08021b06300e381018084814200a1808300e300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a','[{"span":null,"severity":"info","stage":"sample","message":"synthetic article 2"}]');
INSERT INTO articles VALUES(3,'s3','s3','9ef3dd06cf5a26e2783d6778d61abd9b3265f6a5b757859c0de36ebae0202cb5','https://news.example/3','Sahel dispatch 3',NULL,'en','sample','On 10 March 2024 in Agadez, Burkina Faso held talks with Côte d’Ivoire, Col. Abdramane said (dispatch 3.0), citing 193 soldiers. On 11 March 2024 in Bamako, Côte d’Ivoire accused France, Col. Abdramane said (dispatch 3.1), citing 194 soldiers. On 12 March 2024 in Ouagadougou, France sent aid to Niger, Col. Abdramane said (dispatch 3.2), citing 195 soldiers. ','{}',X'0010061006280c200a1006300c0a043810200a200a280c200a280c08021b06300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410061006280c200a1006300c0a04280c08021b06300e3810300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410061006280c200a100658160a04300e200a18081006280a0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a','[{"span":null,"severity":"info","stage":"sample","message":"synthetic article 3"}]');
INSERT INTO articles VALUES(4,'s4','s4','183f79f12abe4d175e98b82fdd77891bad0f6bc41ff523de8b6771770e131f0e','https://news.example/4','Sahel dispatch 4','2024-03-17','en','sample','On 13 March 2024 in Niamey, Côte d’Ivoire revoked its agreement with Niger, Col. Abdramane said (dispatch 4.0), citing 224 soldiers. On 14 March 2024 in Agadez, France held talks with the United States, Col. Abdramane said (dispatch 4.1), citing 225 soldiers. On 15 March 2024 in Bamako, Niger accused Mali, Col. Abdramane said (dispatch 4.2), citing 226 soldiers. ','{}',X'0010061006280c200a1006300c0a04280c08021b06300e381018084814200a280a0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410061006280c200a1006300c0a04300e200a280c200a1808300e300c0a0418060a044814200a0a02401208020a0208020a020a04300e180840100a0410061006280c200a1006300c0a04280c381020080a0418060a044814200a0a02401208020a0208020a020a04300e180840100a','[{"span":null,"severity":"info","stage":"sample","message":"synthetic article 4"}]');
CREATE TABLE sentences (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    item     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
INSERT INTO sentences VALUES(1,0,0,132,'headline','{"span":{"start":0,"end":132},"kind":"headline"}');
INSERT INTO sentences VALUES(1,1,133,266,'body','{"span":{"start":133,"end":266},"kind":"body"}');
INSERT INTO sentences VALUES(1,2,267,387,'body','{"span":{"start":267,"end":387},"kind":"body"}');
INSERT INTO sentences VALUES(2,0,0,104,'headline','{"span":{"start":0,"end":104},"kind":"headline"}');
INSERT INTO sentences VALUES(2,1,105,225,'body','{"span":{"start":105,"end":225},"kind":"body"}');
INSERT INTO sentences VALUES(2,2,226,372,'body','{"span":{"start":226,"end":372},"kind":"body"}');
INSERT INTO sentences VALUES(3,0,0,131,'headline','{"span":{"start":0,"end":131},"kind":"headline"}');
INSERT INTO sentences VALUES(3,1,132,249,'body','{"span":{"start":132,"end":249},"kind":"body"}');
INSERT INTO sentences VALUES(3,2,250,365,'body','{"span":{"start":250,"end":365},"kind":"body"}');
INSERT INTO sentences VALUES(4,0,0,135,'headline','{"span":{"start":0,"end":135},"kind":"headline"}');
INSERT INTO sentences VALUES(4,1,136,262,'body','{"span":{"start":136,"end":262},"kind":"body"}');
INSERT INTO sentences VALUES(4,2,263,367,'body','{"span":{"start":263,"end":367},"kind":"body"}');
CREATE TABLE mentions (
    article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    country        TEXT,
    sector         TEXT,
    geonameid      INTEGER,
    antecedent     INTEGER,
    rule           TEXT NOT NULL,
    item           TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
INSERT INTO mentions VALUES(1,0,19,30,'place','Ouagadougou','BFA',NULL,2357048,NULL,'gazetteer','{"span":{"start":19,"end":30},"kind":"place","name":"Ouagadougou","country":"BFA","sector":null,"title":null,"role":null,"place":{"name":"Ouagadougou","geonameid":2357048,"lat":12.36566,"lon":-1.53388,"country":"BFA","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(1,1,32,49,'country','United States','USA','GOV',NULL,NULL,'country_name','{"span":{"start":32,"end":49},"kind":"country","name":"United States","country":"USA","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(1,2,62,74,'country','Burkina Faso','BFA',NULL,NULL,NULL,'country_name','{"span":{"start":62,"end":74},"kind":"country","name":"Burkina Faso","country":"BFA","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(1,3,76,90,'person','Amadou Abdramane','NER','MIL',NULL,NULL,'title_name','{"span":{"start":76,"end":90},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(1,4,152,158,'place','Niamey','NER',NULL,2440485,NULL,'gazetteer','{"span":{"start":152,"end":158},"kind":"place","name":"Niamey","country":"NER","sector":null,"title":null,"role":null,"place":{"name":"Niamey","geonameid":2440485,"lat":13.51366,"lon":2.1098,"country":"NER","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(1,5,160,164,'country','Mali','MLI','GOV',NULL,NULL,'country_name','{"span":{"start":160,"end":164},"kind":"country","name":"Mali","country":"MLI","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(1,6,192,208,'country','Côte d’Ivoire','CIV',NULL,NULL,NULL,'country_name','{"span":{"start":192,"end":208},"kind":"country","name":"Côte d’Ivoire","country":"CIV","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(1,7,210,224,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":210,"end":224},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":true,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(1,8,286,292,'place','Agadez','NER',NULL,2448085,NULL,'gazetteer','{"span":{"start":286,"end":292},"kind":"place","name":"Agadez","country":"NER","sector":null,"title":null,"role":null,"place":{"name":"Agadez","geonameid":2448085,"lat":16.97333,"lon":7.99111,"country":"NER","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(1,9,294,306,'country','Burkina Faso','BFA','GOV',NULL,NULL,'country_name','{"span":{"start":294,"end":306},"kind":"country","name":"Burkina Faso","country":"BFA","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(1,10,323,329,'country','France','FRA',NULL,NULL,NULL,'country_name','{"span":{"start":323,"end":329},"kind":"country","name":"France","country":"FRA","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(1,11,331,345,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":331,"end":345},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(2,0,19,25,'place','Bamako','MLI',NULL,2460596,NULL,'gazetteer','{"span":{"start":19,"end":25},"kind":"place","name":"Bamako","country":"MLI","sector":null,"title":null,"role":null,"place":{"name":"Bamako","geonameid":2460596,"lat":12.65,"lon":-8.0,"country":"MLI","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(2,1,27,31,'country','Mali','MLI','GOV',NULL,NULL,'country_name','{"span":{"start":27,"end":31},"kind":"country","name":"Mali","country":"MLI","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(2,2,40,46,'country','France','FRA',NULL,NULL,NULL,'country_name','{"span":{"start":40,"end":46},"kind":"country","name":"France","country":"FRA","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(2,3,48,62,'person','Amadou Abdramane','NER','MIL',NULL,NULL,'title_name','{"span":{"start":48,"end":62},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(2,4,124,135,'place','Ouagadougou','BFA',NULL,2357048,NULL,'gazetteer','{"span":{"start":124,"end":135},"kind":"place","name":"Ouagadougou","country":"BFA","sector":null,"title":null,"role":null,"place":{"name":"Ouagadougou","geonameid":2357048,"lat":12.36566,"lon":-1.53388,"country":"BFA","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(2,5,137,149,'country','Burkina Faso','BFA','GOV',NULL,NULL,'country_name','{"span":{"start":137,"end":149},"kind":"country","name":"Burkina Faso","country":"BFA","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(2,6,162,167,'country','Niger','NER',NULL,NULL,NULL,'country_name','{"span":{"start":162,"end":167},"kind":"country","name":"Niger","country":"NER","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(2,7,169,183,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":169,"end":183},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":true,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(2,8,245,251,'place','Niamey','NER',NULL,2440485,NULL,'gazetteer','{"span":{"start":245,"end":251},"kind":"place","name":"Niamey","country":"NER","sector":null,"title":null,"role":null,"place":{"name":"Niamey","geonameid":2440485,"lat":13.51366,"lon":2.1098,"country":"NER","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(2,9,253,269,'country','Côte d’Ivoire','CIV','GOV',NULL,NULL,'country_name','{"span":{"start":253,"end":269},"kind":"country","name":"Côte d’Ivoire","country":"CIV","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(2,10,297,314,'country','United States','USA',NULL,NULL,NULL,'country_name','{"span":{"start":297,"end":314},"kind":"country","name":"United States","country":"USA","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(2,11,316,330,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":316,"end":330},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(3,0,20,26,'place','Agadez','NER',NULL,2448085,NULL,'gazetteer','{"span":{"start":20,"end":26},"kind":"place","name":"Agadez","country":"NER","sector":null,"title":null,"role":null,"place":{"name":"Agadez","geonameid":2448085,"lat":16.97333,"lon":7.99111,"country":"NER","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(3,1,28,40,'country','Burkina Faso','BFA','GOV',NULL,NULL,'country_name','{"span":{"start":28,"end":40},"kind":"country","name":"Burkina Faso","country":"BFA","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(3,2,57,73,'country','Côte d’Ivoire','CIV',NULL,NULL,NULL,'country_name','{"span":{"start":57,"end":73},"kind":"country","name":"Côte d’Ivoire","country":"CIV","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(3,3,75,89,'person','Amadou Abdramane','NER','MIL',NULL,NULL,'title_name','{"span":{"start":75,"end":89},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(3,4,152,158,'place','Bamako','MLI',NULL,2460596,NULL,'gazetteer','{"span":{"start":152,"end":158},"kind":"place","name":"Bamako","country":"MLI","sector":null,"title":null,"role":null,"place":{"name":"Bamako","geonameid":2460596,"lat":12.65,"lon":-8.0,"country":"MLI","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(3,5,160,176,'country','Côte d’Ivoire','CIV','GOV',NULL,NULL,'country_name','{"span":{"start":160,"end":176},"kind":"country","name":"Côte d’Ivoire","country":"CIV","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(3,6,185,191,'country','France','FRA',NULL,NULL,NULL,'country_name','{"span":{"start":185,"end":191},"kind":"country","name":"France","country":"FRA","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(3,7,193,207,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":193,"end":207},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":true,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(3,8,270,281,'place','Ouagadougou','BFA',NULL,2357048,NULL,'gazetteer','{"span":{"start":270,"end":281},"kind":"place","name":"Ouagadougou","country":"BFA","sector":null,"title":null,"role":null,"place":{"name":"Ouagadougou","geonameid":2357048,"lat":12.36566,"lon":-1.53388,"country":"BFA","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(3,9,283,289,'country','France','FRA','GOV',NULL,NULL,'country_name','{"span":{"start":283,"end":289},"kind":"country","name":"France","country":"FRA","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(3,10,302,307,'country','Niger','NER',NULL,NULL,NULL,'country_name','{"span":{"start":302,"end":307},"kind":"country","name":"Niger","country":"NER","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(3,11,309,323,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":309,"end":323},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(4,0,20,26,'place','Niamey','NER',NULL,2440485,NULL,'gazetteer','{"span":{"start":20,"end":26},"kind":"place","name":"Niamey","country":"NER","sector":null,"title":null,"role":null,"place":{"name":"Niamey","geonameid":2440485,"lat":13.51366,"lon":2.1098,"country":"NER","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(4,1,28,44,'country','Côte d’Ivoire','CIV','GOV',NULL,NULL,'country_name','{"span":{"start":28,"end":44},"kind":"country","name":"Côte d’Ivoire","country":"CIV","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(4,2,72,77,'country','Niger','NER',NULL,NULL,NULL,'country_name','{"span":{"start":72,"end":77},"kind":"country","name":"Niger","country":"NER","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(4,3,79,93,'person','Amadou Abdramane','NER','MIL',NULL,NULL,'title_name','{"span":{"start":79,"end":93},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(4,4,156,162,'place','Agadez','NER',NULL,2448085,NULL,'gazetteer','{"span":{"start":156,"end":162},"kind":"place","name":"Agadez","country":"NER","sector":null,"title":null,"role":null,"place":{"name":"Agadez","geonameid":2448085,"lat":16.97333,"lon":7.99111,"country":"NER","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(4,5,164,170,'country','France','FRA','GOV',NULL,NULL,'country_name','{"span":{"start":164,"end":170},"kind":"country","name":"France","country":"FRA","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(4,6,187,204,'country','United States','USA',NULL,NULL,NULL,'country_name','{"span":{"start":187,"end":204},"kind":"country","name":"United States","country":"USA","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(4,7,206,220,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":206,"end":220},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":true,"origin":{"stage":"actors","rule":"title_name"}}');
INSERT INTO mentions VALUES(4,8,283,289,'place','Bamako','MLI',NULL,2460596,NULL,'gazetteer','{"span":{"start":283,"end":289},"kind":"place","name":"Bamako","country":"MLI","sector":null,"title":null,"role":null,"place":{"name":"Bamako","geonameid":2460596,"lat":12.65,"lon":-8.0,"country":"MLI","admin1":null,"feature":"city"},"antecedent":null,"guessed":false,"origin":{"stage":"places","rule":"gazetteer"}}');
INSERT INTO mentions VALUES(4,9,291,296,'country','Niger','NER','GOV',NULL,NULL,'country_name','{"span":{"start":291,"end":296},"kind":"country","name":"Niger","country":"NER","sector":"GOV","title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(4,10,305,309,'country','Mali','MLI',NULL,NULL,NULL,'country_name','{"span":{"start":305,"end":309},"kind":"country","name":"Mali","country":"MLI","sector":null,"title":null,"role":null,"place":null,"antecedent":null,"guessed":false,"origin":{"stage":"actors","rule":"country_name"}}');
INSERT INTO mentions VALUES(4,11,311,325,'person','Amadou Abdramane','NER','MIL',NULL,3,'title_name','{"span":{"start":311,"end":325},"kind":"person","name":"Amadou Abdramane","country":"NER","sector":"MIL","title":"Colonel","role":"military spokesperson","place":null,"antecedent":3,"guessed":false,"origin":{"stage":"actors","rule":"title_name"}}');
CREATE TABLE times (
    article    INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    precision  TEXT NOT NULL,
    anchor     TEXT NOT NULL,
    item       TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
INSERT INTO times VALUES(1,0,3,15,'DATE','2024-03-04','day','absolute','{"span":{"start":3,"end":15},"kind":"DATE","value":"2024-03-04","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(1,1,136,148,'DATE','2024-03-05','day','absolute','{"span":{"start":136,"end":148},"kind":"DATE","value":"2024-03-05","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(1,2,270,282,'DATE','2024-03-06','day','absolute','{"span":{"start":270,"end":282},"kind":"DATE","value":"2024-03-06","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(2,0,3,15,'DATE','2024-03-07','day','absolute','{"span":{"start":3,"end":15},"kind":"DATE","value":"2024-03-07","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(2,1,108,120,'DATE','2024-03-08','day','absolute','{"span":{"start":108,"end":120},"kind":"DATE","value":"2024-03-08","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(2,2,229,241,'DATE','2024-03-09','day','absolute','{"span":{"start":229,"end":241},"kind":"DATE","value":"2024-03-09","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(3,0,3,16,'DATE','2024-03-10','day','absolute','{"span":{"start":3,"end":16},"kind":"DATE","value":"2024-03-10","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(3,1,135,148,'DATE','2024-03-11','day','absolute','{"span":{"start":135,"end":148},"kind":"DATE","value":"2024-03-11","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(3,2,253,266,'DATE','2024-03-12','day','absolute','{"span":{"start":253,"end":266},"kind":"DATE","value":"2024-03-12","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(4,0,3,16,'DATE','2024-03-13','day','absolute','{"span":{"start":3,"end":16},"kind":"DATE","value":"2024-03-13","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(4,1,139,152,'DATE','2024-03-14','day','absolute','{"span":{"start":139,"end":152},"kind":"DATE","value":"2024-03-14","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
INSERT INTO times VALUES(4,2,266,279,'DATE','2024-03-15','day','absolute','{"span":{"start":266,"end":279},"kind":"DATE","value":"2024-03-15","precision":"day","anchor":"absolute","origin":{"stage":"time","rule":"day_month_year"}}');
CREATE TABLE quantities (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    value    REAL NOT NULL,
    unit     TEXT,
    actor    INTEGER,
    item     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
INSERT INTO quantities VALUES(1,0,119,122,'killed',131.0,NULL,1,'{"span":{"start":119,"end":122},"value":131.0,"kind":"killed","counted":{"start":123,"end":131},"unit":null,"approx":"about","actor":1,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(1,1,253,256,'count',132.5,NULL,5,'{"span":{"start":253,"end":256},"value":132.5,"kind":"count","counted":{"start":257,"end":265},"unit":null,"approx":null,"actor":5,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(1,2,374,377,'count',133.0,NULL,9,'{"span":{"start":374,"end":377},"value":133.0,"kind":"count","counted":{"start":378,"end":386},"unit":null,"approx":"about","actor":9,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(2,0,91,94,'killed',162.0,NULL,1,'{"span":{"start":91,"end":94},"value":162.0,"kind":"killed","counted":{"start":95,"end":103},"unit":null,"approx":"about","actor":1,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(2,1,212,215,'count',163.49999999999999999,NULL,5,'{"span":{"start":212,"end":215},"value":163.5,"kind":"count","counted":{"start":216,"end":224},"unit":null,"approx":null,"actor":5,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(2,2,359,362,'count',164.0,NULL,9,'{"span":{"start":359,"end":362},"value":164.0,"kind":"count","counted":{"start":363,"end":371},"unit":null,"approx":"about","actor":9,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(3,0,118,121,'killed',193.0,NULL,1,'{"span":{"start":118,"end":121},"value":193.0,"kind":"killed","counted":{"start":122,"end":130},"unit":null,"approx":"about","actor":1,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(3,1,236,239,'count',194.5,NULL,5,'{"span":{"start":236,"end":239},"value":194.5,"kind":"count","counted":{"start":240,"end":248},"unit":null,"approx":null,"actor":5,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(3,2,352,355,'count',195.0,NULL,9,'{"span":{"start":352,"end":355},"value":195.0,"kind":"count","counted":{"start":356,"end":364},"unit":null,"approx":"about","actor":9,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(4,0,122,125,'killed',224.0,NULL,1,'{"span":{"start":122,"end":125},"value":224.0,"kind":"killed","counted":{"start":126,"end":134},"unit":null,"approx":"about","actor":1,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(4,1,249,252,'count',225.50000000000000001,NULL,5,'{"span":{"start":249,"end":252},"value":225.5,"kind":"count","counted":{"start":253,"end":261},"unit":null,"approx":null,"actor":5,"origin":{"stage":"quantities","rule":"number_noun"}}');
INSERT INTO quantities VALUES(4,2,354,357,'count',226.0,NULL,9,'{"span":{"start":354,"end":357},"value":226.0,"kind":"count","counted":{"start":358,"end":366},"unit":null,"approx":"about","actor":9,"origin":{"stage":"quantities","rule":"number_noun"}}');
CREATE TABLE statements (
    article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    speaker  INTEGER,
    item     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
INSERT INTO statements VALUES(1,0,0,132,'indirect',3,'{"span":{"start":0,"end":132},"kind":"indirect","speaker_span":{"start":76,"end":90},"speaker":3,"cue":{"start":91,"end":95},"content":{"start":0,"end":74},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(1,1,133,266,'indirect',7,'{"span":{"start":133,"end":266},"kind":"indirect","speaker_span":{"start":210,"end":224},"speaker":7,"cue":{"start":225,"end":229},"content":{"start":133,"end":208},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(1,2,267,387,'indirect',11,'{"span":{"start":267,"end":387},"kind":"indirect","speaker_span":{"start":331,"end":345},"speaker":11,"cue":{"start":346,"end":350},"content":{"start":267,"end":329},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(2,0,0,104,'indirect',3,'{"span":{"start":0,"end":104},"kind":"indirect","speaker_span":{"start":48,"end":62},"speaker":3,"cue":{"start":63,"end":67},"content":{"start":0,"end":46},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(2,1,105,225,'indirect',7,'{"span":{"start":105,"end":225},"kind":"indirect","speaker_span":{"start":169,"end":183},"speaker":7,"cue":{"start":184,"end":188},"content":{"start":105,"end":167},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(2,2,226,372,'indirect',11,'{"span":{"start":226,"end":372},"kind":"indirect","speaker_span":{"start":316,"end":330},"speaker":11,"cue":{"start":331,"end":335},"content":{"start":226,"end":314},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(3,0,0,131,'indirect',3,'{"span":{"start":0,"end":131},"kind":"indirect","speaker_span":{"start":75,"end":89},"speaker":3,"cue":{"start":90,"end":94},"content":{"start":0,"end":73},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(3,1,132,249,'indirect',7,'{"span":{"start":132,"end":249},"kind":"indirect","speaker_span":{"start":193,"end":207},"speaker":7,"cue":{"start":208,"end":212},"content":{"start":132,"end":191},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(3,2,250,365,'indirect',11,'{"span":{"start":250,"end":365},"kind":"indirect","speaker_span":{"start":309,"end":323},"speaker":11,"cue":{"start":324,"end":328},"content":{"start":250,"end":307},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(4,0,0,135,'indirect',3,'{"span":{"start":0,"end":135},"kind":"indirect","speaker_span":{"start":79,"end":93},"speaker":3,"cue":{"start":94,"end":98},"content":{"start":0,"end":77},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(4,1,136,262,'indirect',7,'{"span":{"start":136,"end":262},"kind":"indirect","speaker_span":{"start":206,"end":220},"speaker":7,"cue":{"start":221,"end":225},"content":{"start":136,"end":204},"origin":{"stage":"statements","rule":"said_after"}}');
INSERT INTO statements VALUES(4,2,263,367,'indirect',11,'{"span":{"start":263,"end":367},"kind":"indirect","speaker_span":{"start":311,"end":325},"speaker":11,"cue":{"start":326,"end":330},"content":{"start":263,"end":309},"origin":{"stage":"statements","rule":"said_after"}}');
CREATE TABLE events (
    article            INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx                INTEGER NOT NULL,
    event_id           TEXT NOT NULL,         -- record id: "<article id>:<trigger start>"
    sentence           INTEGER NOT NULL,
    trigger_start      INTEGER NOT NULL,
    trigger_end        INTEGER NOT NULL,
    type               TEXT NOT NULL,         -- PLOVER event type
    mode               TEXT,
    cameo              TEXT,
    actor_country      TEXT,
    actor_sector       TEXT,
    recipient_country  TEXT,
    recipient_sector   TEXT,
    date_value         TEXT,                  -- as coded: 2024-03-16, 2024-03, 2024-W11, 2023
    date_start         TEXT,                  -- first ISO day covered (article date if no event date)
    date_end           TEXT,                  -- last ISO day covered
    place_name         TEXT,
    place_key          TEXT,                  -- lower-cased place name, for matching
    place_country      TEXT,
    geonameid          INTEGER,
    status             TEXT NOT NULL,
    rule               TEXT NOT NULL,
    record             TEXT NOT NULL,         -- EventRecord json (exchange format)
    item               TEXT NOT NULL,         -- model Event json
    PRIMARY KEY (article, idx)
);
INSERT INTO events VALUES(1,0,'s1:50',0,50,61,'AID','discontinue','070','USA','GOV','BFA',NULL,'2024-03-04','2024-03-04','2024-03-04','Ouagadougou','ouagadougou','BFA',2357048,'reported','sample_rule','{"id":"s1:50","sentence":0,"trigger":{"start":50,"end":61,"text":"sent aid to"},"type":"AID","mode":"discontinue","context":["military","diplomatic"],"cameo":"070","actor":{"start":32,"end":49,"text":"the United States","name":"the United States","country":"USA","sector":"GOV"},"recipient":{"start":62,"end":74,"text":"Burkina Faso","name":"Burkina Faso","country":"BFA","sector":null},"date":{"value":"2024-03-04","precision":"day","basis":"4 March 2024"},"location":{"start":19,"end":30,"text":"Ouagadougou","name":"Ouagadougou","country":"BFA","geonameid":2357048,"lat":12.36566,"lon":-1.53388},"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":50,"end":61,"text":"sent aid to"},{"start":32,"end":49,"text":"the United States"},{"start":62,"end":74,"text":"Burkina Faso"}],"rule":"sample_rule"}','{"sentence":0,"trigger":{"start":50,"end":61},"event_type":"AID","mode":"discontinue","context":["military","diplomatic"],"cameo":"070","actor":{"span":{"start":32,"end":49},"mention":1,"name":"the United States","country":"USA","sector":"GOV"},"recipient":{"span":{"start":62,"end":74},"mention":2,"name":"Burkina Faso","country":"BFA","sector":null},"date":{"value":"2024-03-04","precision":"day","time":0},"location":0,"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":50,"end":61},{"start":32,"end":49},{"start":62,"end":74}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(1,1,'s1:307',2,307,322,'CONSULT',NULL,'040','BFA','GOV','FRA',NULL,'2024-03-06','2024-03-06','2024-03-06','Agadez','agadez','NER',2448085,'asserted','sample_rule','{"id":"s1:307","sentence":2,"trigger":{"start":307,"end":322,"text":"held talks with"},"type":"CONSULT","mode":null,"context":[],"cameo":"040","actor":{"start":294,"end":306,"text":"Burkina Faso","name":"Burkina Faso","country":"BFA","sector":"GOV"},"recipient":{"start":323,"end":329,"text":"France","name":"France","country":"FRA","sector":null},"date":{"value":"2024-03-06","precision":"day","basis":"6 March 2024"},"location":{"start":286,"end":292,"text":"Agadez","name":"Agadez","country":"NER","geonameid":2448085,"lat":16.97333,"lon":7.99111},"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":307,"end":322,"text":"held talks with"},{"start":294,"end":306,"text":"Burkina Faso"},{"start":323,"end":329,"text":"France"}],"rule":"sample_rule"}','{"sentence":2,"trigger":{"start":307,"end":322},"event_type":"CONSULT","mode":null,"context":[],"cameo":"040","actor":{"span":{"start":294,"end":306},"mention":9,"name":"Burkina Faso","country":"BFA","sector":"GOV"},"recipient":{"span":{"start":323,"end":329},"mention":10,"name":"France","country":"FRA","sector":null},"date":{"value":"2024-03-06","precision":"day","time":2},"location":8,"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":307,"end":322},{"start":294,"end":306},{"start":323,"end":329}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(2,0,'s2:32',0,32,39,'ACCUSE','discontinue','112','MLI','GOV','FRA',NULL,'2024-03-07','2024-03-07','2024-03-07','Bamako','bamako','MLI',2460596,'reported','sample_rule','{"id":"s2:32","sentence":0,"trigger":{"start":32,"end":39,"text":"accused"},"type":"ACCUSE","mode":"discontinue","context":["military","diplomatic"],"cameo":"112","actor":{"start":27,"end":31,"text":"Mali","name":"Mali","country":"MLI","sector":"GOV"},"recipient":{"start":40,"end":46,"text":"France","name":"France","country":"FRA","sector":null},"date":{"value":"2024-03-07","precision":"day","basis":"7 March 2024"},"location":{"start":19,"end":25,"text":"Bamako","name":"Bamako","country":"MLI","geonameid":2460596,"lat":12.65,"lon":-8.0},"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":32,"end":39,"text":"accused"},{"start":27,"end":31,"text":"Mali"},{"start":40,"end":46,"text":"France"}],"rule":"sample_rule"}','{"sentence":0,"trigger":{"start":32,"end":39},"event_type":"ACCUSE","mode":"discontinue","context":["military","diplomatic"],"cameo":"112","actor":{"span":{"start":27,"end":31},"mention":1,"name":"Mali","country":"MLI","sector":"GOV"},"recipient":{"span":{"start":40,"end":46},"mention":2,"name":"France","country":"FRA","sector":null},"date":{"value":"2024-03-07","precision":"day","time":0},"location":0,"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":32,"end":39},{"start":27,"end":31},{"start":40,"end":46}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(2,1,'s2:270',2,270,296,'SANCTION',NULL,'161','CIV','GOV','USA',NULL,'2024-03-09','2024-03-09','2024-03-09','Niamey','niamey','NER',2440485,'asserted','sample_rule','{"id":"s2:270","sentence":2,"trigger":{"start":270,"end":296,"text":"revoked its agreement with"},"type":"SANCTION","mode":null,"context":[],"cameo":"161","actor":{"start":253,"end":269,"text":"Côte d’Ivoire","name":"Côte d’Ivoire","country":"CIV","sector":"GOV"},"recipient":{"start":297,"end":314,"text":"the United States","name":"the United States","country":"USA","sector":null},"date":{"value":"2024-03-09","precision":"day","basis":"9 March 2024"},"location":{"start":245,"end":251,"text":"Niamey","name":"Niamey","country":"NER","geonameid":2440485,"lat":13.51366,"lon":2.1098},"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":270,"end":296,"text":"revoked its agreement with"},{"start":253,"end":269,"text":"Côte d’Ivoire"},{"start":297,"end":314,"text":"the United States"}],"rule":"sample_rule"}','{"sentence":2,"trigger":{"start":270,"end":296},"event_type":"SANCTION","mode":null,"context":[],"cameo":"161","actor":{"span":{"start":253,"end":269},"mention":9,"name":"Côte d’Ivoire","country":"CIV","sector":"GOV"},"recipient":{"span":{"start":297,"end":314},"mention":10,"name":"the United States","country":"USA","sector":null},"date":{"value":"2024-03-09","precision":"day","time":2},"location":8,"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":270,"end":296},{"start":253,"end":269},{"start":297,"end":314}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(3,0,'s3:41',0,41,56,'CONSULT','discontinue','040','BFA','GOV','CIV',NULL,'2024-03-10','2024-03-10','2024-03-10','Agadez','agadez','NER',2448085,'reported','sample_rule','{"id":"s3:41","sentence":0,"trigger":{"start":41,"end":56,"text":"held talks with"},"type":"CONSULT","mode":"discontinue","context":["military","diplomatic"],"cameo":"040","actor":{"start":28,"end":40,"text":"Burkina Faso","name":"Burkina Faso","country":"BFA","sector":"GOV"},"recipient":{"start":57,"end":73,"text":"Côte d’Ivoire","name":"Côte d’Ivoire","country":"CIV","sector":null},"date":{"value":"2024-03-10","precision":"day","basis":"10 March 2024"},"location":{"start":20,"end":26,"text":"Agadez","name":"Agadez","country":"NER","geonameid":2448085,"lat":16.97333,"lon":7.99111},"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":41,"end":56,"text":"held talks with"},{"start":28,"end":40,"text":"Burkina Faso"},{"start":57,"end":73,"text":"Côte d’Ivoire"}],"rule":"sample_rule"}','{"sentence":0,"trigger":{"start":41,"end":56},"event_type":"CONSULT","mode":"discontinue","context":["military","diplomatic"],"cameo":"040","actor":{"span":{"start":28,"end":40},"mention":1,"name":"Burkina Faso","country":"BFA","sector":"GOV"},"recipient":{"span":{"start":57,"end":73},"mention":2,"name":"Côte d’Ivoire","country":"CIV","sector":null},"date":{"value":"2024-03-10","precision":"day","time":0},"location":0,"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":41,"end":56},{"start":28,"end":40},{"start":57,"end":73}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(3,1,'s3:290',2,290,301,'AID',NULL,'070','FRA','GOV','NER',NULL,'2024-03-12','2024-03-12','2024-03-12','Ouagadougou','ouagadougou','BFA',2357048,'asserted','sample_rule','{"id":"s3:290","sentence":2,"trigger":{"start":290,"end":301,"text":"sent aid to"},"type":"AID","mode":null,"context":[],"cameo":"070","actor":{"start":283,"end":289,"text":"France","name":"France","country":"FRA","sector":"GOV"},"recipient":{"start":302,"end":307,"text":"Niger","name":"Niger","country":"NER","sector":null},"date":{"value":"2024-03-12","precision":"day","basis":"12 March 2024"},"location":{"start":270,"end":281,"text":"Ouagadougou","name":"Ouagadougou","country":"BFA","geonameid":2357048,"lat":12.36566,"lon":-1.53388},"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":290,"end":301,"text":"sent aid to"},{"start":283,"end":289,"text":"France"},{"start":302,"end":307,"text":"Niger"}],"rule":"sample_rule"}','{"sentence":2,"trigger":{"start":290,"end":301},"event_type":"AID","mode":null,"context":[],"cameo":"070","actor":{"span":{"start":283,"end":289},"mention":9,"name":"France","country":"FRA","sector":"GOV"},"recipient":{"span":{"start":302,"end":307},"mention":10,"name":"Niger","country":"NER","sector":null},"date":{"value":"2024-03-12","precision":"day","time":2},"location":8,"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":290,"end":301},{"start":283,"end":289},{"start":302,"end":307}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(4,0,'s4:45',0,45,71,'SANCTION','discontinue','161','CIV','GOV','NER',NULL,'2024-03-13','2024-03-13','2024-03-13','Niamey','niamey','NER',2440485,'reported','sample_rule','{"id":"s4:45","sentence":0,"trigger":{"start":45,"end":71,"text":"revoked its agreement with"},"type":"SANCTION","mode":"discontinue","context":["military","diplomatic"],"cameo":"161","actor":{"start":28,"end":44,"text":"Côte d’Ivoire","name":"Côte d’Ivoire","country":"CIV","sector":"GOV"},"recipient":{"start":72,"end":77,"text":"Niger","name":"Niger","country":"NER","sector":null},"date":{"value":"2024-03-13","precision":"day","basis":"13 March 2024"},"location":{"start":20,"end":26,"text":"Niamey","name":"Niamey","country":"NER","geonameid":2440485,"lat":13.51366,"lon":2.1098},"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":45,"end":71,"text":"revoked its agreement with"},{"start":28,"end":44,"text":"Côte d’Ivoire"},{"start":72,"end":77,"text":"Niger"}],"rule":"sample_rule"}','{"sentence":0,"trigger":{"start":45,"end":71},"event_type":"SANCTION","mode":"discontinue","context":["military","diplomatic"],"cameo":"161","actor":{"span":{"start":28,"end":44},"mention":1,"name":"Côte d’Ivoire","country":"CIV","sector":"GOV"},"recipient":{"span":{"start":72,"end":77},"mention":2,"name":"Niger","country":"NER","sector":null},"date":{"value":"2024-03-13","precision":"day","time":0},"location":0,"status":"reported","statement":0,"sizes":[0],"evidence":[{"start":45,"end":71},{"start":28,"end":44},{"start":72,"end":77}],"origin":{"stage":"code","rule":"sample_rule"}}');
INSERT INTO events VALUES(4,1,'s4:297',2,297,304,'ACCUSE',NULL,'112','NER','GOV','MLI',NULL,'2024-03-15','2024-03-15','2024-03-15','Bamako','bamako','MLI',2460596,'asserted','sample_rule','{"id":"s4:297","sentence":2,"trigger":{"start":297,"end":304,"text":"accused"},"type":"ACCUSE","mode":null,"context":[],"cameo":"112","actor":{"start":291,"end":296,"text":"Niger","name":"Niger","country":"NER","sector":"GOV"},"recipient":{"start":305,"end":309,"text":"Mali","name":"Mali","country":"MLI","sector":null},"date":{"value":"2024-03-15","precision":"day","basis":"15 March 2024"},"location":{"start":283,"end":289,"text":"Bamako","name":"Bamako","country":"MLI","geonameid":2460596,"lat":12.65,"lon":-8.0},"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":297,"end":304,"text":"accused"},{"start":291,"end":296,"text":"Niger"},{"start":305,"end":309,"text":"Mali"}],"rule":"sample_rule"}','{"sentence":2,"trigger":{"start":297,"end":304},"event_type":"ACCUSE","mode":null,"context":[],"cameo":"112","actor":{"span":{"start":291,"end":296},"mention":9,"name":"Niger","country":"NER","sector":"GOV"},"recipient":{"span":{"start":305,"end":309},"mention":10,"name":"Mali","country":"MLI","sector":null},"date":{"value":"2024-03-15","precision":"day","time":2},"location":8,"status":"asserted","statement":2,"sizes":[2],"evidence":[{"start":297,"end":304},{"start":291,"end":296},{"start":305,"end":309}],"origin":{"stage":"code","rule":"sample_rule"}}');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','articles_fts','articles_fts',0,'CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = ''articles'', content_rowid = ''rowid'',
    tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO articles_fts_data VALUES(1,X'040c8201');
INSERT INTO articles_fts_data VALUES(10,X'000000000101010001010101');
INSERT INTO articles_fts_data VALUES(137438953473,X'000004cf0230300106010115010601011001060101150106010115010131010e0401011419031601060101250106010129010601012b0201300306010103020131030601011a020132030601012e02013304060101030301310106010117030132010601012e0301330106010143020134040601011a020135040601013002023632020601011203013302060101270301340206010140020239330306010117030134030601012b030135030601013f0101320106010141010e0401010f171b03010601013d010601013d0203303234010a0101051919010a0101051417010a0101051916010a0101051918020232340406010117030135040601012d030136040601013f010133030c0401011416160101340106010103030c040101141814010135010601011a010136010601013101013702060101030101380206010115010139020601012a010961626472616d616e65010a0101111917010a01010c171b010a0101111616010a010111181402066363757365640206010109010601012201060101360205676164657a01060101350206010107010601011e03077265656d656e7401060101220106010134020601010d02026964010601010c010601011d0106010135010662616d616b6f0206010107010601011e0106010134020675726b696e61010801010e2a010601011a01060101080106636974696e67010a0101161917010a010111171b010a0101161616010a010116181402026f6c010a0101101917010a01010b171b010a0101101616010a0101101814030274650106010124010601012f010801010d14010601010801016401060101250106010130010801010e140106010109020769737061746368010c030101131917010c0301010e171b010c030101131616010c03010113181401046661736f010801010f2a010601011b0106010109020572616e6365010601013b010601010a010801012312010601011f010468656c640106010138020601010a01060101200102696e010a0101061919010a0101061417010a0101061916010a01010619180202747301060101210106010133020601010c0205766f69726501060101260106010131010801010f14010601010a01046d616c69010601011f010601010802060101370303726368010a0101041919010a0101041417010a0101041916010a010104191801066e69616d6579010601011e010601012e02060101070303676572020601011f0106010137010801010f2801026f6e010a0101021919010a0101021417010a0101021916010a0101021918020a75616761646f75676f7501060101070106010119010601013201077265766f6b656401060101200106010132020601010b0105736168656c01020201020201020201020203026964010a0101121917010a01010d171b010a0101121616010a01011218140203656e74010601010b010601011c010601013402076f6c6469657273010a0101181917010a010113171b010a0101181616010a010118181402057461746573010601010a01060101380206010125010574616c6b730106010139020601010b01060101210202686501060101080106010136020601012302016f010601010d010601011e01060101360106756e697465640106010109010601013702060101240104776974680108010123190106010135010601010c010801010e1604171b0808080808080808080908080908081b210908080b100808080808271716181317182420191829161c1520131c15211715201b18132014251616131217');
CREATE TABLE IF NOT EXISTS 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO articles_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO articles_fts_docsize VALUES(1,X'0343');
INSERT INTO articles_fts_docsize VALUES(2,X'0340');
INSERT INTO articles_fts_docsize VALUES(3,X'033f');
INSERT INTO articles_fts_docsize VALUES(4,X'033f');
CREATE TABLE IF NOT EXISTS 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO articles_fts_config VALUES('version',4);
CREATE TABLE story_summaries (
    article  INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    summary  TEXT NOT NULL
);
INSERT INTO story_summaries VALUES(1,'{"version":1,"id":"s1","date":"2024-03-16","terms":[[1,0.5]]}');
INSERT INTO story_summaries VALUES(2,'{"version":1,"id":"s2","date":"0001-01-01"}');
INSERT INTO story_summaries VALUES(3,'{"version":1,"id":"s3","date":null}');
CREATE TABLE stories (
    id            TEXT PRIMARY KEY,     -- 16 hex digits, stable whatever the ingest order
    title         TEXT NOT NULL,
    start         TEXT,
    end           TEXT,
    num_articles  INTEGER NOT NULL,
    num_sources   INTEGER NOT NULL,
    actors        TEXT NOT NULL,        -- space-separated country codes, for filtering
    data          TEXT NOT NULL         -- the story view as JSON
);
INSERT INTO stories VALUES('00000000000000aa','story 00000000000000aa','2024-03-16','2024-03-16',1,1,' NER ','{}');
INSERT INTO stories VALUES('00000000000000bb','story 00000000000000bb','0001-01-01','0001-01-01',1,1,' NER ','{}');
CREATE TABLE story_articles (
    article_id         TEXT PRIMARY KEY,
    story_id           TEXT NOT NULL,
    near_duplicate_of  TEXT
);
INSERT INTO story_articles VALUES('s1','00000000000000aa',NULL);
INSERT INTO story_articles VALUES('s2','00000000000000bb',NULL);
INSERT INTO story_articles VALUES('s3','00000000000000bb','s2');
CREATE TABLE event_stories (
    event_id        TEXT PRIMARY KEY,   -- events.event_id
    story_id        TEXT NOT NULL,
    story_event_id  INTEGER NOT NULL,
    num_mentions    INTEGER NOT NULL,
    num_sources     INTEGER NOT NULL,
    num_articles    INTEGER NOT NULL
);
INSERT INTO event_stories VALUES('s1:0','00000000000000aa',7,2,1,1);
CREATE TABLE follow_sources (
    url            TEXT PRIMARY KEY,
    kind           TEXT,                  -- feed or page, as last fetched
    etag           TEXT,
    last_modified  TEXT,
    last_fetch     INTEGER,               -- last attempt
    last_success   INTEGER,
    next_fetch     INTEGER,               -- not before (schedule or backoff)
    failures       INTEGER NOT NULL DEFAULT 0,  -- consecutive
    last_status    INTEGER,
    last_error     TEXT
);
CREATE TABLE follow_items (
    source        TEXT NOT NULL,
    key           TEXT NOT NULL,          -- item guid, else its link
    url           TEXT,
    title         TEXT,
    date          TEXT,
    state         TEXT NOT NULL,          -- new, done, failed, refused
    attempts      INTEGER NOT NULL DEFAULT 0,
    first_seen    INTEGER NOT NULL,
    next_attempt  INTEGER NOT NULL DEFAULT 0,
    article_id    TEXT,
    error         TEXT,
    item          TEXT,                   -- the feed item as JSON (its text when the page fails)
    PRIMARY KEY (source, key)
);
CREATE TABLE follow_robots (
    host     TEXT PRIMARY KEY,            -- scheme://host:port
    fetched  INTEGER NOT NULL,
    status   INTEGER NOT NULL,
    body     TEXT NOT NULL
);
CREATE TABLE watch_rules (
    name        TEXT PRIMARY KEY,
    spec        TEXT NOT NULL,            -- filter, trigger and notify as JSON
    created     INTEGER NOT NULL,
    mark        INTEGER NOT NULL,         -- events.rowid up to which the rule has looked
    last_fired  TEXT                      -- day of the last window alert (threshold, spike)
);
CREATE TABLE watch_seen (
    rule  TEXT NOT NULL,
    key   TEXT NOT NULL,                  -- actor:CODE or place:NAME met by the rule
    PRIMARY KEY (rule, key)
) WITHOUT ROWID;
CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    rule          TEXT NOT NULL,
    key           TEXT NOT NULL,          -- what the alert is about; once per (rule, key)
    created       INTEGER NOT NULL,
    kind          TEXT NOT NULL,          -- every, threshold, spike, new-actor, new-place
    story_id      TEXT,
    body          TEXT NOT NULL,          -- the alert as JSON (rule, events, story)
    notify        TEXT NOT NULL,          -- stdout, file:PATH, webhook:URL
    state         TEXT NOT NULL,          -- pending (not delivered yet, retried with backoff), sent
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    sent          INTEGER,
    UNIQUE (rule, key)
);
CREATE TABLE watch_counts (
    rule  TEXT NOT NULL,
    day   TEXT NOT NULL,        -- YYYY-MM-DD, the first day an event's date covers
    n     INTEGER NOT NULL,
    PRIMARY KEY (rule, day)
) WITHOUT ROWID;
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX events_type ON events(type COLLATE NOCASE);
CREATE INDEX events_actor ON events(actor_country COLLATE NOCASE, actor_sector COLLATE NOCASE);
CREATE INDEX events_recipient ON events(recipient_country COLLATE NOCASE, recipient_sector COLLATE NOCASE);
CREATE INDEX events_date_start ON events(date_start);
CREATE INDEX events_date_end ON events(date_end);
CREATE INDEX events_place_key ON events(place_key);
CREATE INDEX events_place_country ON events(place_country COLLATE NOCASE);
CREATE INDEX events_event_id ON events(event_id);
CREATE INDEX stories_start ON stories(start);
CREATE INDEX story_articles_story ON story_articles(story_id);
CREATE INDEX follow_items_todo ON follow_items(state, next_attempt);
CREATE INDEX alerts_todo ON alerts(state, next_attempt);
CREATE INDEX alerts_created ON alerts(created);
CREATE VIEW events_flat AS
SELECT e.event_id, a.id AS article_id, es.story_id, es.story_event_id, e.sentence,
       e.trigger_start, e.trigger_end, e.type, e.mode, e.cameo,
       e.actor_country, e.actor_sector, e.recipient_country, e.recipient_sector,
       e.date_value, e.date_start, e.date_end, e.place_name, e.place_country, e.geonameid,
       e.status, e.rule, es.num_mentions, es.num_sources, es.num_articles,
       a.date AS article_date, a.url AS article_url, a.title AS article_title, a.source AS article_source
FROM events e
JOIN articles a ON a.rowid = e.article
LEFT JOIN event_stories es ON es.event_id = e.event_id;
CREATE VIEW articles_flat AS
SELECT a.id, a.url, a.title, a.date, a.lang, a.source, length(a.text) AS chars,
       sa.story_id, sa.near_duplicate_of
FROM articles a
LEFT JOIN story_articles sa ON sa.article_id = a.id;
CREATE INDEX events_facets ON events(
    actor_country COLLATE NOCASE, type COLLATE NOCASE, recipient_country COLLATE NOCASE,
    actor_sector COLLATE NOCASE, recipient_sector COLLATE NOCASE,
    date_start, date_end, place_key, place_country COLLATE NOCASE, geonameid, status, mode
);
CREATE INDEX events_dates ON events(date_start, date_end);
PRAGMA writable_schema=OFF;
COMMIT;
