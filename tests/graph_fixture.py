"""A small store written by hand, following ontology/MAPPING.md: two fictional articles.

lahat-001: Penjabat Bupati Lahat Rahmat Sudirja (current) tells ASN and Camat to stay
neutral (netralitas) on 2024-09-06; Yusuf Hamdani is a former Sekretaris Daerah (not current).
lahat-002: Pemilihan Bupati Kabupaten Lahat 2024 is on 2024-11-27; Yusuf Hamdani is floated
as a candidate; Sri Wahyuni heads a campaign team (a post without a region).

The entities graph holds every description once; each article graph holds the article node
and its facts with their evidence. No ontology graph is loaded (status labels must still work).
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES

ENTITIES = "https://kg-pilkada.example.org/id/graph/entities"
ARTICLE_GRAPHS = (
    "https://kg-pilkada.example.org/id/graph/article/lahat-001",
    "https://kg-pilkada.example.org/id/graph/article/lahat-002",
)

TRIG = """
id:graph\\/entities {
  id:person\\/rahmat-sudirja a schema:Person, foaf:Person ;
      schema:name "Rahmat Sudirja" ; rdfs:label "Rahmat Sudirja" ;
      skos:altLabel "Rahmat" ;
      schema:honorificPrefix "H" ; schema:honorificSuffix "SH" .
  id:person\\/yusuf-hamdani a schema:Person, foaf:Person ;
      schema:name "Yusuf Hamdani" ; rdfs:label "Yusuf Hamdani" ;
      skos:altLabel "Yusuf" .
  id:person\\/sri-wahyuni a schema:Person, foaf:Person ;
      schema:name "Sri Wahyuni" ; rdfs:label "Sri Wahyuni" .

  id:place\\/16 a schema:AdministrativeArea, kg:Province ;
      schema:name "Sumatera Selatan" ; rdfs:label "Provinsi Sumatera Selatan" ;
      kg:regionCode "16" .
  id:place\\/16.04 a schema:AdministrativeArea, kg:Regency ;
      schema:name "Lahat" ; rdfs:label "Kabupaten Lahat" ;
      kg:regionCode "16.04" ; schema:containedInPlace id:place\\/16 .

  id:role\\/bupati a org:Role ; rdfs:label "Bupati" .
  id:role\\/sekretaris-daerah a org:Role ; rdfs:label "Sekretaris Daerah" .
  id:role\\/ketua-tim-pemenangan a org:Role ; rdfs:label "Ketua Tim Pemenangan" .

  id:post\\/penjabat-bupati\\/16.04 a org:Post ;
      rdfs:label "Penjabat Bupati Kabupaten Lahat" ;
      kg:title "Penjabat Bupati" ; org:role id:role\\/bupati ;
      kg:qualifier "Penjabat" ; kg:jurisdiction id:place\\/16.04 .
  id:post\\/sekretaris-daerah\\/16.04 a org:Post ;
      rdfs:label "Sekretaris Daerah Kabupaten Lahat" ;
      kg:title "Sekretaris Daerah" ; org:role id:role\\/sekretaris-daerah ;
      kg:jurisdiction id:place\\/16.04 .
  id:post\\/ketua-tim-pemenangan a org:Post ;
      rdfs:label "Ketua Tim Pemenangan" ;
      kg:title "Ketua Tim Pemenangan" ; org:role id:role\\/ketua-tim-pemenangan .

  id:election\\/pemilihan-bupati\\/16.04\\/2024 a kg:Election, schema:Event ;
      rdfs:label "Pemilihan Bupati Kabupaten Lahat 2024" ;
      kg:electionKind "Pemilihan Bupati" ;
      kg:jurisdiction id:place\\/16.04 ;
      schema:superEvent id:election\\/pilkada-serentak\\/2024 .
  id:election\\/pilkada-serentak\\/2024 a kg:Election, schema:Event ;
      rdfs:label "Pilkada Serentak 2024" ;
      kg:electionKind "Pilkada Serentak" .

  id:audience\\/asn a kg:Audience ; rdfs:label "ASN" .
  id:audience\\/camat a kg:Audience ; rdfs:label "Camat" .
  id:topic\\/netralitas a kg:Topic, skos:Concept ; rdfs:label "netralitas" .
  id:outlet\\/warta-lahat-id a schema:Organization ; schema:name "wartalahat.id" .
}

id:graph\\/article\\/lahat-001 {
  id:article\\/lahat-001 a schema:NewsArticle, prov:Entity ;
      kg:articleId "lahat-001" ;
      schema:headline "Pj Bupati Lahat Ingatkan ASN dan Camat Jaga Netralitas" ;
      schema:url "https://wartalahat.id/2024/09/06/netralitas"^^xsd:anyURI ;
      schema:datePublished "2024-09-06"^^xsd:date ; kg:publishedSource "txt" ;
      schema:publisher id:outlet\\/warta-lahat-id ; kg:dateline "LAHAT" ;
      kg:sourcePath "corpus/lahat-001.txt" ; kg:contentHash "0001" .

  id:fact\\/lahat-001\\/holds_office-aaaaaaaaaaaa a kg:Holding ;
      kg:holder id:person\\/rahmat-sudirja ; kg:post id:post\\/penjabat-bupati\\/16.04 ;
      kg:current true ;
      prov:wasDerivedFrom id:article\\/lahat-001 ;
      kg:sentence "Penjabat (Pj) Bupati Lahat, H Rahmat Sudirja, SH, mengingatkan ASN dan camat." ;
      kg:startOffset 60 ; kg:endOffset 138 ;
      kg:extractor "holds_office.apposition" ; kg:confidence 0.9 .
  id:person\\/rahmat-sudirja org:holds id:post\\/penjabat-bupati\\/16.04 .

  id:fact\\/lahat-001\\/holds_office-bbbbbbbbbbbb a kg:Holding ;
      kg:holder id:person\\/yusuf-hamdani ; kg:post id:post\\/sekretaris-daerah\\/16.04 ;
      kg:current false ;
      prov:wasDerivedFrom id:article\\/lahat-001 ;
      kg:sentence "Mantan Sekda Lahat Yusuf Hamdani turut hadir." ;
      kg:startOffset 300 ; kg:endOffset 346 ;
      kg:extractor "holds_office.apposition" ; kg:confidence 0.7 .

  id:fact\\/lahat-001\\/issues_directive-cccccccccccc a kg:Directive, schema:CommunicateAction ;
      schema:agent id:person\\/rahmat-sudirja ;
      schema:recipient id:audience\\/asn, id:audience\\/camat ;
      schema:about id:topic\\/netralitas ;
      schema:startTime "2024-09-06"^^xsd:date ;
      schema:text "ASN dan camat wajib menjaga netralitas." ;
      kg:directiveKind "demand" ;
      prov:wasDerivedFrom id:article\\/lahat-001 ;
      kg:sentence "\\"ASN dan camat wajib menjaga netralitas,\\" kata Rahmat, Jumat (6/9/2024)." ;
      kg:startOffset 140 ; kg:endOffset 210 ;
      kg:extractor "issues_directive.quote" ; kg:confidence 0.8 .
}

id:graph\\/article\\/lahat-002 {
  id:article\\/lahat-002 a schema:NewsArticle, prov:Entity ;
      kg:articleId "lahat-002" ;
      schema:headline "Bursa Pilbup Lahat, Nama Yusuf Hamdani Mencuat" ;
      schema:datePublished "2024-10-01"^^xsd:date ; kg:publishedSource "jsonl" ;
      kg:sourcePath "corpus/feed.jsonl" ; kg:contentHash "0002" .

  id:fact\\/lahat-002\\/election_on_date-dddddddddddd a kg:ElectionDateClaim ;
      kg:election id:election\\/pemilihan-bupati\\/16.04\\/2024 ;
      kg:date "2024-11-27"^^xsd:date ;
      prov:wasDerivedFrom id:article\\/lahat-002 ;
      kg:sentence "Pemungutan suara Pilbup Lahat dijadwalkan pada 27 November 2024." ;
      kg:startOffset 200 ; kg:endOffset 264 ;
      kg:extractor "election_on_date.schedule" ; kg:confidence 0.9 .
  id:election\\/pemilihan-bupati\\/16.04\\/2024 schema:startDate "2024-11-27"^^xsd:date .

  id:fact\\/lahat-002\\/candidacy-eeeeeeeeeeee a kg:Candidacy ;
      kg:candidate id:person\\/yusuf-hamdani ;
      kg:election id:election\\/pemilihan-bupati\\/16.04\\/2024 ;
      kg:status kg:Floated ;
      prov:wasDerivedFrom id:article\\/lahat-002 ;
      kg:sentence "Nama Yusuf Hamdani mencuat sebagai bakal calon Bupati Lahat." ;
      kg:startOffset 50 ; kg:endOffset 110 ;
      kg:extractor "candidacy.cue" ; kg:confidence 0.6 .

  id:fact\\/lahat-002\\/holds_office-ffffffffffff a kg:Holding ;
      kg:holder id:person\\/sri-wahyuni ; kg:post id:post\\/ketua-tim-pemenangan ;
      kg:current true ;
      prov:wasDerivedFrom id:article\\/lahat-002 ;
      kg:sentence "Ketua Tim Pemenangan, Sri Wahyuni, menyebut survei masih berjalan." ;
      kg:startOffset 120 ; kg:endOffset 186 ;
      kg:extractor "holds_office.apposition" ; kg:confidence 0.8 .
  id:person\\/sri-wahyuni org:holds id:post\\/ketua-tim-pemenangan .
}
"""


def trig_text() -> str:
    prologue = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
    return prologue + TRIG


def build_store() -> ox.Store:
    """A fresh in-memory store holding the two articles and their entities."""
    store = ox.Store()
    store.load(trig_text().encode("utf-8"), format=ox.RdfFormat.TRIG)
    return store
