"""The query catalogue: every named query on a small hand-written dataset, with its exact rows.

`tests/fixtures/queries/dataset.trig` is a dozen items with the reference data they use and
what their body text says (see its header). Each catalogue query runs on it with given
parameters and must return exactly the rows written out below, in that order. The other tests
check the catalogue's headers, that the queries are plain SPARQL 1.1 (rdflib's parser reads
them too, and a real Oxigraph server gives the same rows), and that parameters are values,
never query text: a hostile value matches nothing, updates and SERVICE are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import ResultRow

from osce_rdf.errors import QueryError
from osce_rdf.sparql.catalogue import NamedQuery, catalogue, named_query
from osce_rdf.sparql.dataset import Dataset
from osce_rdf.sparql.guard import check_query
from osce_rdf.sparql.parameters import TYPES

from .servers import oxigraph_server

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "dataset.trig"

BASE = "https://w3id.org/osce/"
ITEM = BASE + "item/"
COUNTRY = BASE + "country/"
UNIT = BASE + "unit/"
FIELD = BASE + "field/"
PERSON = BASE + "person/"
PLACE = BASE + "place/"
BODY = BASE + "body/"
DECISION = BASE + "decision/"
CONTENT_TYPE = BASE + "content-type/"
EVENT_KIND = BASE + "event-kind/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OSCE = "https://w3id.org/osce/ontology#"

# The twelve items of the fixture, oldest first.
DRUGS = ITEM + "2008-07-17-osce-experts-meeting-focuses-on-fight-against-drug-trafficking"
PRIORITIES = (
    ITEM
    + "2008-07-17-secretary-general-discusses-chairpersonship-priorities-with-belgian-and-finnish-ministers"
)
ATTACKS = ITEM + "2008-11-05-media-freedom-representative-concerned-about-attacks-on-journalists"
LABOUR = ITEM + "2009-03-12-osce-conference-tackles-trafficking-for-labour-exploitation"
POLICE = ITEM + "2009-03-12-osce-centre-in-astana-trains-kazakh-police-in-community-policing"
YOUTH = ITEM + "2010-09-15-osce-mission-to-skopje-supports-youth-councils"
WATER = (
    ITEM + "2023-06-05-regional-conference-in-astana-to-discuss-water-co-operation-in-central-asia"
)
GUIDELINES = ITEM + "2023-11-07-guidelines-on-the-online-safety-of-female-journalists-presented"
FORESIGHT = (
    ITEM + "2025-02-03-osce-holds-first-strategic-foresight-exercise-on-emerging-security-risks"
)
RESTRAINT = ITEM + "2025-02-03-chairperson-in-office-calls-for-restraint-in-ukraine"
ELECTORAL = (
    ITEM + "2025-06-12-osce-mission-to-skopje-presents-recommendations-on-electoral-integrity"
)
REPORT = ITEM + "2025-07-01-innovation-and-foresight-unit-publishes-scenario-report"
ITEMS = [DRUGS, PRIORITIES, ATTACKS, LABOUR, POLICE, YOUTH, WATER, GUIDELINES]
ITEMS += [FORESIGHT, RESTRAINT, ELECTORAL, REPORT]

Row = dict[str, Any]
Case = tuple[str, dict[str, str], list[Row]]

# (query, parameters, the exact rows in order): at least one case per catalogue query.
# fmt: off
CASES: list[Case] = [
    ("items-per-field-per-year", {}, [
        {"year": 2008, "field": FIELD + "conflict-prevention-and-resolution", "label": "Conflict prevention and resolution", "items": 1},
        {"year": 2008, "field": FIELD + "media-freedom-and-development", "label": "Media freedom and development", "items": 1},
        {"year": 2008, "field": FIELD + "policing", "label": "Policing", "items": 1},
        {"year": 2008, "field": FIELD + "safety-of-journalists", "label": "Safety of journalists", "items": 1},
        {"year": 2009, "field": FIELD + "combating-trafficking-in-human-beings", "label": "Combating trafficking in human beings", "items": 1},
        {"year": 2009, "field": FIELD + "community-policing", "label": "Community policing", "items": 1},
        {"year": 2009, "field": FIELD + "policing", "label": "Policing", "items": 1},
        {"year": 2010, "field": FIELD + "youth", "label": "Youth", "items": 1},
        {"year": 2023, "field": FIELD + "environmental-activities", "label": "Environmental activities", "items": 1},
        {"year": 2023, "field": FIELD + "media-freedom-and-development", "label": "Media freedom and development", "items": 1},
        {"year": 2023, "field": FIELD + "safety-of-journalists", "label": "Safety of journalists", "items": 1},
        {"year": 2025, "field": FIELD + "conflict-prevention-and-resolution", "label": "Conflict prevention and resolution", "items": 1},
        {"year": 2025, "field": FIELD + "cyber-ict-security", "label": "Cyber/ICT Security", "items": 1},
        {"year": 2025, "field": FIELD + "elections", "label": "Elections", "items": 1},
        {"year": 2025, "field": FIELD + "strategic-foresight", "label": "Strategic foresight", "items": 2},
    ]),
    ("items-per-field-per-year", {"field": "Policing"}, [
        {"year": 2008, "field": FIELD + "policing", "label": "Policing", "items": 1},
        {"year": 2009, "field": FIELD + "policing", "label": "Policing", "items": 1},
    ]),
    ("items-per-field-per-year", {"field": "Media freedom"}, [
        {"year": 2008, "field": FIELD + "media-freedom-and-development", "label": "Media freedom and development", "items": 1},
        {"year": 2023, "field": FIELD + "media-freedom-and-development", "label": "Media freedom and development", "items": 1},
    ]),
    ("latest-items-of-unit", {}, [
        {"rank": 1, "date": date(2025, 7, 1), "item": REPORT, "headline": "Innovation and Foresight Unit publishes scenario report"},
        {"rank": 2, "date": date(2025, 2, 3), "item": FORESIGHT, "headline": "OSCE holds first strategic foresight exercise on emerging security risks"},
        {"rank": 3, "date": date(2009, 3, 12), "item": LABOUR, "headline": "OSCE conference tackles trafficking for labour exploitation"},
        {"rank": 4, "date": date(2008, 7, 17), "item": DRUGS, "headline": "OSCE experts meeting focuses on fight against drug trafficking"},
        {"rank": 5, "date": date(2008, 7, 17), "item": PRIORITIES, "headline": "Secretary General discusses Chairpersonship priorities with Belgian and Finnish ministers"},
    ]),
    ("latest-items-of-unit", {"limit": "4"}, [
        {"rank": 1, "date": date(2025, 7, 1), "item": REPORT, "headline": "Innovation and Foresight Unit publishes scenario report"},
        {"rank": 2, "date": date(2025, 2, 3), "item": FORESIGHT, "headline": "OSCE holds first strategic foresight exercise on emerging security risks"},
        {"rank": 3, "date": date(2009, 3, 12), "item": LABOUR, "headline": "OSCE conference tackles trafficking for labour exploitation"},
        {"rank": 4, "date": date(2008, 7, 17), "item": DRUGS, "headline": "OSCE experts meeting focuses on fight against drug trafficking"},
    ]),
    ("latest-items-of-unit", {"unit": "RFoM", "limit": "1"}, [
        {"rank": 1, "date": date(2023, 11, 7), "item": GUIDELINES, "headline": "Guidelines on the online safety of female journalists presented"},
    ]),
    ("latest-items-of-unit", {"unit": "Strategic Police Matters Unit"}, [
        {"rank": 1, "date": date(2008, 7, 17), "item": DRUGS, "headline": "OSCE experts meeting focuses on fight against drug trafficking"},
    ]),
    ("items-mentioning-state-by-year", {"state": "Belgium"}, [
        {"state": COUNTRY + "be", "name": "Belgium", "year": 2008, "items": 2},
        {"state": COUNTRY + "be", "name": "Belgium", "year": 2009, "items": 1},
        {"state": COUNTRY + "be", "name": "Belgium", "year": 2025, "items": 3},
    ]),
    ("items-mentioning-state-by-year", {}, [
        {"state": COUNTRY + "at", "name": "Austria", "year": 2023, "items": 1},
        {"state": COUNTRY + "be", "name": "Belgium", "year": 2008, "items": 2},
        {"state": COUNTRY + "be", "name": "Belgium", "year": 2009, "items": 1},
        {"state": COUNTRY + "be", "name": "Belgium", "year": 2025, "items": 3},
        {"state": COUNTRY + "fi", "name": "Finland", "year": 2008, "items": 1},
        {"state": COUNTRY + "fi", "name": "Finland", "year": 2009, "items": 1},
        {"state": COUNTRY + "fi", "name": "Finland", "year": 2025, "items": 3},
        {"state": COUNTRY + "de", "name": "Germany", "year": 2009, "items": 1},
        {"state": COUNTRY + "de", "name": "Germany", "year": 2023, "items": 1},
        {"state": COUNTRY + "jp", "name": "Japan", "year": 2008, "items": 1},
        {"state": COUNTRY + "kz", "name": "Kazakhstan", "year": 2008, "items": 1},
        {"state": COUNTRY + "kz", "name": "Kazakhstan", "year": 2009, "items": 1},
        {"state": COUNTRY + "kz", "name": "Kazakhstan", "year": 2023, "items": 1},
        {"state": COUNTRY + "mk", "name": "North Macedonia", "year": 2010, "items": 1},
        {"state": COUNTRY + "mk", "name": "North Macedonia", "year": 2025, "items": 1},
        {"state": COUNTRY + "no", "name": "Norway", "year": 2008, "items": 1},
        {"state": COUNTRY + "ru", "name": "Russian Federation", "year": 2008, "items": 2},
        {"state": COUNTRY + "ru", "name": "Russian Federation", "year": 2025, "items": 1},
        {"state": COUNTRY + "se", "name": "Sweden", "year": 2023, "items": 1},
        {"state": COUNTRY + "ch", "name": "Switzerland", "year": 2023, "items": 1},
        {"state": COUNTRY + "ch", "name": "Switzerland", "year": 2025, "items": 2},
        {"state": COUNTRY + "ua", "name": "Ukraine", "year": 2025, "items": 1},
    ]),
    ("chair-at-publication", {}, [
        {"date": date(2008, 7, 17), "item": DRUGS, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2008, 7, 17), "item": PRIORITIES, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2008, 11, 5), "item": ATTACKS, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2009, 3, 12), "item": POLICE, "chair": COUNTRY + "gr", "chairName": "Greece"},
        {"date": date(2009, 3, 12), "item": LABOUR, "chair": COUNTRY + "gr", "chairName": "Greece"},
        {"date": date(2010, 9, 15), "item": YOUTH, "chair": None, "chairName": None},
        {"date": date(2023, 6, 5), "item": WATER, "chair": COUNTRY + "mk", "chairName": "North Macedonia"},
        {"date": date(2023, 11, 7), "item": GUIDELINES, "chair": COUNTRY + "mk", "chairName": "North Macedonia"},
        {"date": date(2025, 2, 3), "item": RESTRAINT, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2025, 2, 3), "item": FORESIGHT, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2025, 6, 12), "item": ELECTORAL, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2025, 7, 1), "item": REPORT, "chair": COUNTRY + "fi", "chairName": "Finland"},
    ]),
    ("chair-at-publication", {"year": "2008"}, [
        {"date": date(2008, 7, 17), "item": DRUGS, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2008, 7, 17), "item": PRIORITIES, "chair": COUNTRY + "fi", "chairName": "Finland"},
        {"date": date(2008, 11, 5), "item": ATTACKS, "chair": COUNTRY + "fi", "chairName": "Finland"},
    ]),
    ("chair-at-publication", {"year": "2010"}, [
        {"date": date(2010, 9, 15), "item": YOUTH, "chair": None, "chairName": None},
    ]),
    ("field-operations-by-host", {}, [
        {"host": COUNTRY + "hr", "hostName": "Croatia", "unit": UNIT + "mission-to-croatia", "name": "Mission to Croatia", "opened": 1996, "closed": 2007, "status": "closed"},
        {"host": COUNTRY + "hr", "hostName": "Croatia", "unit": UNIT + "office-in-zagreb", "name": "Office in Zagreb", "opened": 2008, "closed": 2012, "status": "closed"},
        {"host": COUNTRY + "kz", "hostName": "Kazakhstan", "unit": UNIT + "programme-office-in-astana", "name": "Programme Office in Astana", "opened": 1998, "closed": None, "status": "open"},
        {"host": PLACE + "kosovo", "hostName": "Kosovo", "unit": UNIT + "mission-in-kosovo", "name": "Mission in Kosovo", "opened": 1999, "closed": None, "status": "open"},
        {"host": COUNTRY + "mk", "hostName": "North Macedonia", "unit": UNIT + "mission-to-skopje", "name": "Mission to Skopje", "opened": 1992, "closed": None, "status": "open"},
    ]),
    ("field-operations-by-host", {"status": "closed"}, [
        {"host": COUNTRY + "hr", "hostName": "Croatia", "unit": UNIT + "mission-to-croatia", "name": "Mission to Croatia", "opened": 1996, "closed": 2007, "status": "closed"},
        {"host": COUNTRY + "hr", "hostName": "Croatia", "unit": UNIT + "office-in-zagreb", "name": "Office in Zagreb", "opened": 2008, "closed": 2012, "status": "closed"},
    ]),
    ("people-and-posts", {}, [
        {"name": "Aigerim Nurlan", "holder": PERSON + "aigerim-nurlan--unknown", "post": "water expert", "organisation": None, "organisationName": None, "date": date(2023, 6, 5), "item": WATER},
        {"name": "Anne Dupont", "holder": PERSON + "anne-dupont--be", "post": "Ambassador of Belgium", "organisation": COUNTRY + "be", "organisationName": "Belgium", "date": date(2025, 6, 12), "item": ELECTORAL},
        {"name": "Dunja Ilic", "holder": PERSON + "dunja-ilic--osce", "post": "OSCE Representative on Freedom of the Media", "organisation": UNIT + "representative-on-freedom-of-the-media", "organisationName": "Representative on Freedom of the Media", "date": date(2008, 11, 5), "item": ATTACKS},
        {"name": "Dunja Ilic", "holder": PERSON + "dunja-ilic--osce", "post": "OSCE Representative on Freedom of the Media", "organisation": UNIT + "representative-on-freedom-of-the-media", "organisationName": "Representative on Freedom of the Media", "date": date(2023, 11, 7), "item": GUIDELINES},
        {"name": "Eva Lindqvist", "holder": PERSON + "eva-lindqvist--osce", "post": "OSCE Special Representative and Co-ordinator for Combating Trafficking in Human Beings", "organisation": UNIT + "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings", "organisationName": "Office of the Special Representative and Co-ordinator for Combating Trafficking in Human Beings", "date": date(2009, 3, 12), "item": LABOUR},
        {"name": "Kevin Carty", "holder": PERSON + "kevin-carty--osce", "post": "Senior Police Adviser to the OSCE Secretary General", "organisation": UNIT + "strategic-police-matters-unit", "organisationName": "Strategic Police Matters Unit", "date": date(2008, 7, 17), "item": DRUGS},
        {"name": "Kevin Carty", "holder": PERSON + "kevin-carty--osce", "post": "OSCE Senior Police Adviser", "organisation": UNIT + "strategic-police-matters-unit", "organisationName": "Strategic Police Matters Unit", "date": date(2009, 3, 12), "item": LABOUR},
        {"name": "Kilian Wahl", "holder": PERSON + "kilian-wahl--osce", "post": "Head of the OSCE Mission to Skopje", "organisation": UNIT + "mission-to-skopje", "organisationName": "Mission to Skopje", "date": date(2025, 6, 12), "item": ELECTORAL},
        {"name": "Lena Varga", "holder": PERSON + "lena-varga--osce", "post": "OSCE Secretary General", "organisation": UNIT + "secretariat", "organisationName": "Secretariat", "date": date(2008, 7, 17), "item": PRIORITIES},
        {"name": "Mikko Laine", "holder": PERSON + "mikko-laine--osce", "post": "OSCE Chairperson-in-Office", "organisation": UNIT + "chairpersonship", "organisationName": "Chairpersonship", "date": date(2025, 2, 3), "item": RESTRAINT},
        {"name": "Miriam Hofer", "holder": PERSON + "miriam-hofer--osce", "post": "Head of the OSCE Innovation and Foresight Unit", "organisation": UNIT + "innovation-and-foresight-unit", "organisationName": "Innovation and Foresight Unit", "date": date(2025, 2, 3), "item": FORESIGHT},
    ]),
    ("people-and-posts", {"person": "carty"}, [
        {"name": "Kevin Carty", "holder": PERSON + "kevin-carty--osce", "post": "Senior Police Adviser to the OSCE Secretary General", "organisation": UNIT + "strategic-police-matters-unit", "organisationName": "Strategic Police Matters Unit", "date": date(2008, 7, 17), "item": DRUGS},
        {"name": "Kevin Carty", "holder": PERSON + "kevin-carty--osce", "post": "OSCE Senior Police Adviser", "organisation": UNIT + "strategic-police-matters-unit", "organisationName": "Strategic Police Matters Unit", "date": date(2009, 3, 12), "item": LABOUR},
    ]),
    ("people-and-posts", {"person": "DUNJA"}, [
        {"name": "Dunja Ilic", "holder": PERSON + "dunja-ilic--osce", "post": "OSCE Representative on Freedom of the Media", "organisation": UNIT + "representative-on-freedom-of-the-media", "organisationName": "Representative on Freedom of the Media", "date": date(2008, 11, 5), "item": ATTACKS},
        {"name": "Dunja Ilic", "holder": PERSON + "dunja-ilic--osce", "post": "OSCE Representative on Freedom of the Media", "organisation": UNIT + "representative-on-freedom-of-the-media", "organisationName": "Representative on Freedom of the Media", "date": date(2023, 11, 7), "item": GUIDELINES},
    ]),
    ("events-and-funders", {}, [
        {"start": None, "end": None, "event": WATER + "#event-conference-astana", "name": "regional conference", "kind": EVENT_KIND + "conference", "location": PLACE + "astana", "organizer": UNIT + "programme-office-in-astana", "funder": COUNTRY + "de", "funderName": "Germany"},
        {"start": None, "end": None, "event": WATER + "#event-conference-astana", "name": "regional conference", "kind": EVENT_KIND + "conference", "location": PLACE + "astana", "organizer": UNIT + "programme-office-in-astana", "funder": COUNTRY + "ch", "funderName": "Switzerland"},
        {"start": date(2008, 7, 17), "end": date(2008, 7, 18), "event": DRUGS + "#event-conference-2008-07-17-vienna", "name": "two-day OSCE expert conference", "kind": EVENT_KIND + "conference", "location": PLACE + "vienna", "organizer": UNIT + "strategic-police-matters-unit", "funder": COUNTRY + "be", "funderName": "Belgium"},
        {"start": date(2008, 7, 17), "end": date(2008, 7, 18), "event": DRUGS + "#event-conference-2008-07-17-vienna", "name": "two-day OSCE expert conference", "kind": EVENT_KIND + "conference", "location": PLACE + "vienna", "organizer": UNIT + "strategic-police-matters-unit", "funder": COUNTRY + "jp", "funderName": "Japan"},
        {"start": date(2008, 7, 17), "end": date(2008, 7, 18), "event": DRUGS + "#event-conference-2008-07-17-vienna", "name": "two-day OSCE expert conference", "kind": EVENT_KIND + "conference", "location": PLACE + "vienna", "organizer": UNIT + "strategic-police-matters-unit", "funder": COUNTRY + "no", "funderName": "Norway"},
        {"start": date(2008, 7, 17), "end": date(2008, 7, 18), "event": DRUGS + "#event-conference-2008-07-17-vienna", "name": "two-day OSCE expert conference", "kind": EVENT_KIND + "conference", "location": PLACE + "vienna", "organizer": UNIT + "strategic-police-matters-unit", "funder": COUNTRY + "ru", "funderName": "Russian Federation"},
        {"start": date(2009, 3, 10), "end": date(2009, 3, 12), "event": POLICE + "#event-training-course-2009-03-10", "name": "three-day training course", "kind": EVENT_KIND + "training-course", "location": None, "organizer": UNIT + "programme-office-in-astana", "funder": BODY + "european-union", "funderName": "European Union"},
        {"start": date(2009, 3, 10), "end": date(2009, 3, 12), "event": POLICE + "#event-training-course-2009-03-10", "name": "three-day training course", "kind": EVENT_KIND + "training-course", "location": None, "organizer": UNIT + "programme-office-in-astana", "funder": COUNTRY + "fi", "funderName": "Finland"},
        {"start": date(2009, 3, 12), "end": date(2009, 3, 13), "event": LABOUR + "#event-conference-2009-03-12", "name": "two-day OSCE conference", "kind": EVENT_KIND + "conference", "location": None, "organizer": None, "funder": COUNTRY + "be", "funderName": "Belgium"},
        {"start": date(2009, 3, 12), "end": date(2009, 3, 13), "event": LABOUR + "#event-conference-2009-03-12", "name": "two-day OSCE conference", "kind": EVENT_KIND + "conference", "location": None, "organizer": None, "funder": COUNTRY + "de", "funderName": "Germany"},
        {"start": date(2025, 2, 3), "end": date(2025, 2, 4), "event": FORESIGHT + "#event-exercise-2025-02-03-hofburg", "name": "two-day scenario exercise", "kind": EVENT_KIND + "exercise", "location": PLACE + "hofburg", "organizer": UNIT + "innovation-and-foresight-unit", "funder": COUNTRY + "fi", "funderName": "Finland"},
        {"start": date(2025, 2, 3), "end": date(2025, 2, 4), "event": FORESIGHT + "#event-exercise-2025-02-03-hofburg", "name": "two-day scenario exercise", "kind": EVENT_KIND + "exercise", "location": PLACE + "hofburg", "organizer": UNIT + "innovation-and-foresight-unit", "funder": COUNTRY + "ch", "funderName": "Switzerland"},
        {"start": date(2025, 6, 11), "end": None, "event": ELECTORAL + "#event-round-table-2025-06-11", "name": "round table", "kind": EVENT_KIND + "round-table", "location": None, "organizer": UNIT + "mission-to-skopje", "funder": None, "funderName": None},
    ]),
    ("events-and-funders", {"year": "2009"}, [
        {"start": date(2009, 3, 10), "end": date(2009, 3, 12), "event": POLICE + "#event-training-course-2009-03-10", "name": "three-day training course", "kind": EVENT_KIND + "training-course", "location": None, "organizer": UNIT + "programme-office-in-astana", "funder": BODY + "european-union", "funderName": "European Union"},
        {"start": date(2009, 3, 10), "end": date(2009, 3, 12), "event": POLICE + "#event-training-course-2009-03-10", "name": "three-day training course", "kind": EVENT_KIND + "training-course", "location": None, "organizer": UNIT + "programme-office-in-astana", "funder": COUNTRY + "fi", "funderName": "Finland"},
        {"start": date(2009, 3, 12), "end": date(2009, 3, 13), "event": LABOUR + "#event-conference-2009-03-12", "name": "two-day OSCE conference", "kind": EVENT_KIND + "conference", "location": None, "organizer": None, "funder": COUNTRY + "be", "funderName": "Belgium"},
        {"start": date(2009, 3, 12), "end": date(2009, 3, 13), "event": LABOUR + "#event-conference-2009-03-12", "name": "two-day OSCE conference", "kind": EVENT_KIND + "conference", "location": None, "organizer": None, "funder": COUNTRY + "de", "funderName": "Germany"},
    ]),
    ("events-and-funders", {"state": "Finland"}, [
        {"start": date(2009, 3, 10), "end": date(2009, 3, 12), "event": POLICE + "#event-training-course-2009-03-10", "name": "three-day training course", "kind": EVENT_KIND + "training-course", "location": None, "organizer": UNIT + "programme-office-in-astana", "funder": BODY + "european-union", "funderName": "European Union"},
        {"start": date(2009, 3, 10), "end": date(2009, 3, 12), "event": POLICE + "#event-training-course-2009-03-10", "name": "three-day training course", "kind": EVENT_KIND + "training-course", "location": None, "organizer": UNIT + "programme-office-in-astana", "funder": COUNTRY + "fi", "funderName": "Finland"},
        {"start": date(2025, 2, 3), "end": date(2025, 2, 4), "event": FORESIGHT + "#event-exercise-2025-02-03-hofburg", "name": "two-day scenario exercise", "kind": EVENT_KIND + "exercise", "location": PLACE + "hofburg", "organizer": UNIT + "innovation-and-foresight-unit", "funder": COUNTRY + "fi", "funderName": "Finland"},
        {"start": date(2025, 2, 3), "end": date(2025, 2, 4), "event": FORESIGHT + "#event-exercise-2025-02-03-hofburg", "name": "two-day scenario exercise", "kind": EVENT_KIND + "exercise", "location": PLACE + "hofburg", "organizer": UNIT + "innovation-and-foresight-unit", "funder": COUNTRY + "ch", "funderName": "Switzerland"},
    ]),
    ("top-funding-states", {}, [
        {"state": COUNTRY + "be", "name": "Belgium", "events": 2},
        {"state": COUNTRY + "fi", "name": "Finland", "events": 2},
        {"state": COUNTRY + "de", "name": "Germany", "events": 2},
        {"state": COUNTRY + "ch", "name": "Switzerland", "events": 2},
        {"state": COUNTRY + "jp", "name": "Japan", "events": 1},
        {"state": COUNTRY + "no", "name": "Norway", "events": 1},
        {"state": COUNTRY + "ru", "name": "Russian Federation", "events": 1},
    ]),
    ("top-funding-states", {"from": "2008", "to": "2012"}, [
        {"state": COUNTRY + "be", "name": "Belgium", "events": 2},
        {"state": COUNTRY + "fi", "name": "Finland", "events": 1},
        {"state": COUNTRY + "de", "name": "Germany", "events": 1},
        {"state": COUNTRY + "jp", "name": "Japan", "events": 1},
        {"state": COUNTRY + "no", "name": "Norway", "events": 1},
        {"state": COUNTRY + "ru", "name": "Russian Federation", "events": 1},
    ]),
    ("top-funding-states", {"from": "2009", "to": "2023"}, [
        {"state": COUNTRY + "de", "name": "Germany", "events": 2},
        {"state": COUNTRY + "be", "name": "Belgium", "events": 1},
        {"state": COUNTRY + "fi", "name": "Finland", "events": 1},
        {"state": COUNTRY + "ch", "name": "Switzerland", "events": 1},
    ]),
    ("top-funding-states", {"from": "2025"}, [
        {"state": COUNTRY + "fi", "name": "Finland", "events": 1},
        {"state": COUNTRY + "ch", "name": "Switzerland", "events": 1},
    ]),
    ("units-publishing-on-field", {"field": "Policing"}, [
        {"field": FIELD + "policing", "unit": UNIT + "programme-office-in-astana", "name": "Programme Office in Astana", "items": 1, "first": date(2009, 3, 12), "latest": date(2009, 3, 12)},
        {"field": FIELD + "policing", "unit": UNIT + "secretariat", "name": "Secretariat", "items": 1, "first": date(2008, 7, 17), "latest": date(2008, 7, 17)},
        {"field": FIELD + "policing", "unit": UNIT + "strategic-police-matters-unit", "name": "Strategic Police Matters Unit", "items": 1, "first": date(2008, 7, 17), "latest": date(2008, 7, 17)},
    ]),
    ("units-publishing-on-field", {"field": "Media freedom and development"}, [
        {"field": FIELD + "media-freedom-and-development", "unit": UNIT + "representative-on-freedom-of-the-media", "name": "Representative on Freedom of the Media", "items": 2, "first": date(2008, 11, 5), "latest": date(2023, 11, 7)},
    ]),
    ("units-publishing-on-field", {}, [
        {"field": FIELD + "combating-trafficking-in-human-beings", "unit": UNIT + "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings", "name": "Office of the Special Representative and Co-ordinator for Combating Trafficking in Human Beings", "items": 1, "first": date(2009, 3, 12), "latest": date(2009, 3, 12)},
        {"field": FIELD + "community-policing", "unit": UNIT + "programme-office-in-astana", "name": "Programme Office in Astana", "items": 1, "first": date(2009, 3, 12), "latest": date(2009, 3, 12)},
        {"field": FIELD + "conflict-prevention-and-resolution", "unit": UNIT + "chairpersonship", "name": "Chairpersonship", "items": 1, "first": date(2025, 2, 3), "latest": date(2025, 2, 3)},
        {"field": FIELD + "conflict-prevention-and-resolution", "unit": UNIT + "office-of-the-secretary-general", "name": "Office of the Secretary General", "items": 1, "first": date(2008, 7, 17), "latest": date(2008, 7, 17)},
        {"field": FIELD + "cyber-ict-security", "unit": UNIT + "innovation-and-foresight-unit", "name": "Innovation and Foresight Unit", "items": 1, "first": date(2025, 2, 3), "latest": date(2025, 2, 3)},
        {"field": FIELD + "cyber-ict-security", "unit": UNIT + "secretariat", "name": "Secretariat", "items": 1, "first": date(2025, 2, 3), "latest": date(2025, 2, 3)},
        {"field": FIELD + "elections", "unit": UNIT + "mission-to-skopje", "name": "Mission to Skopje", "items": 1, "first": date(2025, 6, 12), "latest": date(2025, 6, 12)},
        {"field": FIELD + "environmental-activities", "unit": UNIT + "programme-office-in-astana", "name": "Programme Office in Astana", "items": 1, "first": date(2023, 6, 5), "latest": date(2023, 6, 5)},
        {"field": FIELD + "media-freedom-and-development", "unit": UNIT + "representative-on-freedom-of-the-media", "name": "Representative on Freedom of the Media", "items": 2, "first": date(2008, 11, 5), "latest": date(2023, 11, 7)},
        {"field": FIELD + "policing", "unit": UNIT + "programme-office-in-astana", "name": "Programme Office in Astana", "items": 1, "first": date(2009, 3, 12), "latest": date(2009, 3, 12)},
        {"field": FIELD + "policing", "unit": UNIT + "secretariat", "name": "Secretariat", "items": 1, "first": date(2008, 7, 17), "latest": date(2008, 7, 17)},
        {"field": FIELD + "policing", "unit": UNIT + "strategic-police-matters-unit", "name": "Strategic Police Matters Unit", "items": 1, "first": date(2008, 7, 17), "latest": date(2008, 7, 17)},
        {"field": FIELD + "safety-of-journalists", "unit": UNIT + "representative-on-freedom-of-the-media", "name": "Representative on Freedom of the Media", "items": 2, "first": date(2008, 11, 5), "latest": date(2023, 11, 7)},
        {"field": FIELD + "strategic-foresight", "unit": UNIT + "secretariat", "name": "Secretariat", "items": 2, "first": date(2025, 2, 3), "latest": date(2025, 7, 1)},
        {"field": FIELD + "strategic-foresight", "unit": UNIT + "innovation-and-foresight-unit", "name": "Innovation and Foresight Unit", "items": 1, "first": date(2025, 2, 3), "latest": date(2025, 2, 3)},
        {"field": FIELD + "youth", "unit": UNIT + "mission-to-skopje", "name": "Mission to Skopje", "items": 1, "first": date(2010, 9, 15), "latest": date(2010, 9, 15)},
    ]),
    ("co-mentioned-states", {}, [
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "fi", "name2": "Finland", "items": 3},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "ru", "name2": "Russian Federation", "items": 2},
        {"state1": COUNTRY + "ch", "name1": "Switzerland", "state2": COUNTRY + "fi", "name2": "Finland", "items": 2},
        {"state1": COUNTRY + "at", "name1": "Austria", "state2": COUNTRY + "se", "name2": "Sweden", "items": 1},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "de", "name2": "Germany", "items": 1},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "jp", "name2": "Japan", "items": 1},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "mk", "name2": "North Macedonia", "items": 1},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "no", "name2": "Norway", "items": 1},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "ch", "name2": "Switzerland", "items": 1},
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "ua", "name2": "Ukraine", "items": 1},
        {"state1": COUNTRY + "fi", "name1": "Finland", "state2": COUNTRY + "kz", "name2": "Kazakhstan", "items": 1},
        {"state1": COUNTRY + "fi", "name1": "Finland", "state2": COUNTRY + "ru", "name2": "Russian Federation", "items": 1},
        {"state1": COUNTRY + "fi", "name1": "Finland", "state2": COUNTRY + "ua", "name2": "Ukraine", "items": 1},
        {"state1": COUNTRY + "de", "name1": "Germany", "state2": COUNTRY + "kz", "name2": "Kazakhstan", "items": 1},
        {"state1": COUNTRY + "jp", "name1": "Japan", "state2": COUNTRY + "no", "name2": "Norway", "items": 1},
        {"state1": COUNTRY + "jp", "name1": "Japan", "state2": COUNTRY + "ru", "name2": "Russian Federation", "items": 1},
        {"state1": COUNTRY + "kz", "name1": "Kazakhstan", "state2": COUNTRY + "ru", "name2": "Russian Federation", "items": 1},
        {"state1": COUNTRY + "no", "name1": "Norway", "state2": COUNTRY + "ru", "name2": "Russian Federation", "items": 1},
        {"state1": COUNTRY + "ru", "name1": "Russian Federation", "state2": COUNTRY + "ua", "name2": "Ukraine", "items": 1},
        {"state1": COUNTRY + "ch", "name1": "Switzerland", "state2": COUNTRY + "de", "name2": "Germany", "items": 1},
        {"state1": COUNTRY + "ch", "name1": "Switzerland", "state2": COUNTRY + "kz", "name2": "Kazakhstan", "items": 1},
    ]),
    ("co-mentioned-states", {"state": "Finland"}, [
        {"state1": COUNTRY + "be", "name1": "Belgium", "state2": COUNTRY + "fi", "name2": "Finland", "items": 3},
        {"state1": COUNTRY + "ch", "name1": "Switzerland", "state2": COUNTRY + "fi", "name2": "Finland", "items": 2},
        {"state1": COUNTRY + "fi", "name1": "Finland", "state2": COUNTRY + "kz", "name2": "Kazakhstan", "items": 1},
        {"state1": COUNTRY + "fi", "name1": "Finland", "state2": COUNTRY + "ru", "name2": "Russian Federation", "items": 1},
        {"state1": COUNTRY + "fi", "name1": "Finland", "state2": COUNTRY + "ua", "name2": "Ukraine", "items": 1},
    ]),
    ("dateline-date-disagreements", {}, [
        {"published": date(2008, 7, 17), "datelineDate": date(2008, 7, 16), "item": PRIORITIES, "dateline": "VIENNA, 16 July 2008", "headline": "Secretary General discusses Chairpersonship priorities with Belgian and Finnish ministers"},
        {"published": date(2025, 6, 12), "datelineDate": date(2025, 6, 11), "item": ELECTORAL, "dateline": "SKOPJE, 11 June 2025", "headline": "OSCE Mission to Skopje presents recommendations on electoral integrity"},
    ]),
    ("full-text-search", {"text": "trafficking"}, [
        {"date": date(2025, 7, 1), "item": REPORT, "headline": "Innovation and Foresight Unit publishes scenario report", "where": "body", "offset": 180},
        {"date": date(2009, 3, 12), "item": LABOUR, "headline": "OSCE conference tackles trafficking for labour exploitation", "where": "headline and body", "offset": 360},
        {"date": date(2008, 7, 17), "item": DRUGS, "headline": "OSCE experts meeting focuses on fight against drug trafficking", "where": "headline and body", "offset": 64},
    ]),
    ("full-text-search", {"text": "CENTRAL ASIA"}, [
        {"date": date(2023, 6, 5), "item": WATER, "headline": "Regional conference in Astana to discuss water co-operation in Central Asia", "where": "headline", "offset": None},
    ]),
    ("counts-per-class", {}, [
        {"class": SKOS + "Concept", "things": 19},
        {"class": SCHEMA + "Organization", "things": 19},
        {"class": ORG + "Membership", "things": 15},
        {"class": ORG + "OrganizationalUnit", "things": 15},
        {"class": SCHEMA + "Country", "things": 14},
        {"class": OSCE + "ParticipatingState", "things": 13},
        {"class": SCHEMA + "NewsArticle", "things": 12},
        {"class": OSCE + "SavedPage", "things": 12},
        {"class": SCHEMA + "Quotation", "things": 11},
        {"class": SCHEMA + "Person", "things": 9},
        {"class": SCHEMA + "Place", "things": 8},
        {"class": SCHEMA + "Event", "things": 6},
        {"class": OSCE + "FieldOperation", "things": 5},
        {"class": OSCE + "PressRelease", "things": 5},
        {"class": OSCE + "Chairpersonship", "things": 4},
        {"class": OSCE + "NewsItem", "things": 4},
        {"class": SKOS + "ConceptScheme", "things": 3},
        {"class": ORG + "Post", "things": 3},
        {"class": OSCE + "Decision", "things": 3},
        {"class": OSCE + "OutsideBody", "things": 3},
        {"class": OSCE + "Post", "things": 3},
        {"class": OSCE + "SecretariatDepartment", "things": 3},
        {"class": OSCE + "DecisionMakingBody", "things": 2},
        {"class": ORG + "FormalOrganization", "things": 1},
        {"class": SCHEMA + "GovernmentOrganization", "things": 1},
        {"class": OSCE + "AsianPartner", "things": 1},
        {"class": OSCE + "ChairpersonshipOffice", "things": 1},
        {"class": OSCE + "Institution", "things": 1},
        {"class": OSCE + "PartnerForCooperation", "things": 1},
        {"class": OSCE + "Report", "things": 1},
        {"class": OSCE + "Secretariat", "things": 1},
        {"class": OSCE + "SecretariatUnit", "things": 1},
        {"class": OSCE + "Statement", "things": 1},
    ]),
    ("items-per-content-type-per-year", {}, [
        {"year": 2008, "contentType": CONTENT_TYPE + "news-item", "label": "News item", "items": 1},
        {"year": 2008, "contentType": CONTENT_TYPE + "press-release", "label": "Press release", "items": 2},
        {"year": 2009, "contentType": CONTENT_TYPE + "news-item", "label": "News item", "items": 1},
        {"year": 2009, "contentType": CONTENT_TYPE + "press-release", "label": "Press release", "items": 1},
        {"year": 2010, "contentType": None, "label": None, "items": 1},
        {"year": 2023, "contentType": CONTENT_TYPE + "news-item", "label": "News item", "items": 1},
        {"year": 2023, "contentType": CONTENT_TYPE + "press-release", "label": "Press release", "items": 1},
        {"year": 2025, "contentType": CONTENT_TYPE + "news-item", "label": "News item", "items": 1},
        {"year": 2025, "contentType": CONTENT_TYPE + "press-release", "label": "Press release", "items": 1},
        {"year": 2025, "contentType": CONTENT_TYPE + "report", "label": "Report", "items": 1},
        {"year": 2025, "contentType": CONTENT_TYPE + "statement", "label": "Statement", "items": 1},
    ]),
    ("quotes-by-person", {}, [
        {"name": None, "speaker": None, "date": date(2025, 6, 12), "item": ELECTORAL, "begin": 354, "end": 376, "text": "Every vote must count,"},
        {"name": "Dunja Ilic", "speaker": PERSON + "dunja-ilic--osce", "date": date(2008, 11, 5), "item": ATTACKS, "begin": 191, "end": 237, "text": "Journalists must be able to work without fear,"},
        {"name": "Dunja Ilic", "speaker": PERSON + "dunja-ilic--osce", "date": date(2023, 11, 7), "item": GUIDELINES, "begin": 153, "end": 193, "text": "Online abuse silences women journalists,"},
        {"name": "Eva Lindqvist", "speaker": PERSON + "eva-lindqvist--osce", "date": date(2009, 3, 12), "item": LABOUR, "begin": 227, "end": 275, "text": "Labour exploitation is no longer a hidden crime,"},
        {"name": "Kevin Carty", "speaker": PERSON + "kevin-carty--osce", "date": date(2008, 7, 17), "item": DRUGS, "begin": 221, "end": 275, "text": "We must enhance co-operation and intelligence-sharing,"},
        {"name": "Kevin Carty", "speaker": PERSON + "kevin-carty--osce", "date": date(2008, 7, 17), "item": DRUGS, "begin": 353, "end": 383, "text": "No country can fight it alone,"},
        {"name": "Kilian Wahl", "speaker": PERSON + "kilian-wahl--osce", "date": date(2025, 6, 12), "item": ELECTORAL, "begin": 173, "end": 219, "text": "Trust in elections is built between elections,"},
        {"name": "Lena Varga", "speaker": PERSON + "lena-varga--osce", "date": date(2008, 7, 17), "item": PRIORITIES, "begin": 172, "end": 205, "text": "Dialogue is the core of our work,"},
        {"name": "Mikko Laine", "speaker": PERSON + "mikko-laine--osce", "date": date(2025, 2, 3), "item": RESTRAINT, "begin": 185, "end": 208, "text": "Dialogue must continue,"},
        {"name": "Mikko Laine", "speaker": PERSON + "mikko-laine--osce", "date": date(2025, 2, 3), "item": RESTRAINT, "begin": 223, "end": 263, "text": "Belgium and Finland stand ready to help."},
        {"name": "Miriam Hofer", "speaker": PERSON + "miriam-hofer--osce", "date": date(2025, 2, 3), "item": FORESIGHT, "begin": 119, "end": 194, "text": "Thinking about the future together is itself a confidence-building measure,"},
    ]),
    ("quotes-by-person", {"person": "ilic"}, [
        {"name": "Dunja Ilic", "speaker": PERSON + "dunja-ilic--osce", "date": date(2008, 11, 5), "item": ATTACKS, "begin": 191, "end": 237, "text": "Journalists must be able to work without fear,"},
        {"name": "Dunja Ilic", "speaker": PERSON + "dunja-ilic--osce", "date": date(2023, 11, 7), "item": GUIDELINES, "begin": 153, "end": 193, "text": "Online abuse silences women journalists,"},
    ]),
    ("decisions-by-body", {}, [
        {"body": UNIT + "ministerial-council", "bodyName": "Ministerial Council", "decision": DECISION + "ministerial-council-14-06", "name": "Ministerial Council Decision No. 14/06", "identifier": "14/06", "decided": None, "items": 1, "firstMentioned": date(2009, 3, 12)},
        {"body": UNIT + "ministerial-council", "bodyName": "Ministerial Council", "decision": DECISION + "ministerial-council-2024-12", "name": "the December 2024 decision of the Ministerial Council on Ukraine", "identifier": None, "decided": "2024-12", "items": 1, "firstMentioned": date(2025, 2, 3)},
        {"body": UNIT + "permanent-council", "bodyName": "Permanent Council", "decision": DECISION + "permanent-council-2007-11", "name": "a November 2007 decision by the OSCE Permanent Council", "identifier": None, "decided": "2007-11", "items": 2, "firstMentioned": date(2008, 7, 17)},
    ]),
    ("decisions-by-body", {"body": "Ministerial Council"}, [
        {"body": UNIT + "ministerial-council", "bodyName": "Ministerial Council", "decision": DECISION + "ministerial-council-14-06", "name": "Ministerial Council Decision No. 14/06", "identifier": "14/06", "decided": None, "items": 1, "firstMentioned": date(2009, 3, 12)},
        {"body": UNIT + "ministerial-council", "bodyName": "Ministerial Council", "decision": DECISION + "ministerial-council-2024-12", "name": "the December 2024 decision of the Ministerial Council on Ukraine", "identifier": None, "decided": "2024-12", "items": 1, "firstMentioned": date(2025, 2, 3)},
    ]),
    ("decisions-by-body", {"body": "PC"}, [
        {"body": UNIT + "permanent-council", "bodyName": "Permanent Council", "decision": DECISION + "permanent-council-2007-11", "name": "a November 2007 decision by the OSCE Permanent Council", "identifier": None, "decided": "2007-11", "items": 2, "firstMentioned": date(2008, 7, 17)},
    ]),
    ("names-for-review", {}, [
        {"kind": "concept", "thing": FIELD + "strategic-foresight", "name": "Strategic foresight", "date": date(2025, 2, 3), "item": FORESIGHT},
        {"kind": "concept", "thing": FIELD + "strategic-foresight", "name": "Strategic foresight", "date": date(2025, 7, 1), "item": REPORT},
        {"kind": "place", "thing": PLACE + "hofburg", "name": "Hofburg", "date": date(2025, 2, 3), "item": FORESIGHT},
        {"kind": "unit", "thing": UNIT + "innovation-and-foresight-unit", "name": "Innovation and Foresight Unit", "date": date(2025, 2, 3), "item": FORESIGHT},
        {"kind": "unit", "thing": UNIT + "innovation-and-foresight-unit", "name": "Innovation and Foresight Unit", "date": date(2025, 7, 1), "item": REPORT},
    ]),
    ("mentions-in-text", {"thing": "country:be"}, [
        {"thing": COUNTRY + "be", "date": date(2008, 7, 17), "item": DRUGS, "begin": 497, "end": 504, "words": "Belgium"},
        {"thing": COUNTRY + "be", "date": date(2008, 7, 17), "item": PRIORITIES, "begin": 86, "end": 93, "words": "Belgium"},
        {"thing": COUNTRY + "be", "date": date(2009, 3, 12), "item": LABOUR, "begin": 104, "end": 111, "words": "Belgium"},
        {"thing": COUNTRY + "be", "date": date(2025, 2, 3), "item": RESTRAINT, "begin": 223, "end": 230, "words": "Belgium"},
        {"thing": COUNTRY + "be", "date": date(2025, 6, 12), "item": ELECTORAL, "begin": 313, "end": 320, "words": "Belgium"},
        {"thing": COUNTRY + "be", "date": date(2025, 7, 1), "item": REPORT, "begin": 116, "end": 123, "words": "Belgium"},
    ]),
    ("mentions-in-text", {"thing": "person:kevin-carty--osce"}, [
        {"thing": PERSON + "kevin-carty--osce", "date": date(2008, 7, 17), "item": DRUGS, "begin": 282, "end": 293, "words": "Kevin Carty"},
        {"thing": PERSON + "kevin-carty--osce", "date": date(2008, 7, 17), "item": DRUGS, "begin": 385, "end": 390, "words": "Carty"},
        {"thing": PERSON + "kevin-carty--osce", "date": date(2009, 3, 12), "item": LABOUR, "begin": 390, "end": 401, "words": "Kevin Carty"},
    ]),
    ("mentions-in-text", {"thing": "https://w3id.org/osce/decision/permanent-council-2007-11"}, [
        {"thing": DECISION + "permanent-council-2007-11", "date": date(2008, 7, 17), "item": DRUGS, "begin": 422, "end": 476, "words": "a November 2007 decision by the OSCE Permanent Council"},
        {"thing": DECISION + "permanent-council-2007-11", "date": date(2009, 3, 12), "item": LABOUR, "begin": 179, "end": 223, "words": "the November 2007 Permanent Council decision"},
    ]),
]
# fmt: on


HOSTILE = ['x" } ; DROP ALL ; SELECT * { ?s ?p ?o', "} UNION { ?s ?p ?o }"]
PLACEHOLDER = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}")
CASE_IDS = [f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items()) or 'no-params'}" for n, p, _ in CASES]
QUERIES = sorted(catalogue())


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.open(FIXTURE)


def _size(dataset: Dataset) -> int:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    found: int = dataset.query(count).rows()[0]["n"]
    return found


def _bound(dataset: Dataset, named: NamedQuery, params: dict[str, str]) -> str:
    """The query's text with its parameters bound, as a remote endpoint receives it."""
    binder = dataset.binder()
    text = named.text
    for parameter in named.parameters:
        value = params.get(parameter.name) or parameter.default
        if value:
            term = binder.term(parameter.name, parameter.type, value)
            text = text.replace(parameter.placeholder, f"VALUES ?{parameter.name} {{ {term} }}")
    return text


# ---------------------------------------------------------------- every query, exact rows


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=CASE_IDS)
def test_query_gives_exactly_these_rows(
    dataset: Dataset, name: str, params: dict[str, str], expected: list[Row]
) -> None:
    assert dataset.query(name, params).rows() == expected


def test_every_catalogue_query_has_cases() -> None:
    assert len(QUERIES) >= 16
    assert {name for name, _, _ in CASES} == set(QUERIES)


def test_every_case_finds_something() -> None:
    assert [(name, params) for name, params, rows in CASES if not rows] == []


def _rdflib_value(term: object) -> Any:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return str(term)
    assert isinstance(term, rdflib.Literal), term
    value = term.toPython()
    return str(term) if isinstance(value, rdflib.Literal) else value


@pytest.fixture(scope="module")
def in_memory() -> rdflib.Dataset:
    memory = rdflib.Dataset(default_union=True)
    memory.parse(FIXTURE, format="trig")
    return memory


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=CASE_IDS)
def test_rdflib_gives_the_same_rows(
    dataset: Dataset,
    in_memory: rdflib.Dataset,
    name: str,
    params: dict[str, str],
    expected: list[Row],
) -> None:
    """Another engine, other internals, the same rows in the same order: plain SPARQL 1.1
    semantics, and an ORDER BY that leaves no tie to the engine."""
    found = in_memory.query(_bound(dataset, catalogue()[name], params))
    names = [str(variable) for variable in found.vars or []]
    rows = []
    for row in found:
        assert isinstance(row, ResultRow)
        values = row.asdict()
        rows.append({n: _rdflib_value(values.get(n)) for n in names})
    assert rows == expected


# ---------------------------------------------------------------- the catalogue's files


@pytest.mark.parametrize("name", QUERIES)
def test_header_is_complete(name: str) -> None:
    named = catalogue()[name]
    assert named.title and not named.title.endswith(".")
    assert len(named.description) > 40
    assert named.examples, "an example call"
    for example in named.examples:
        assert example.startswith(f"osce-rdf query {name}"), example
    assert set(named.example_params()) <= {p.name for p in named.parameters}
    for parameter in named.parameters:
        assert parameter.type in TYPES or len(parameter.choices) > 1, parameter
        assert parameter.help


@pytest.mark.parametrize("name", QUERIES)
def test_parameters_and_placeholders_match(name: str) -> None:
    named = catalogue()[name]
    declared = {p.name for p in named.parameters}
    if named.text_index is not None:
        declared.add(named.text_index[1])  # the variable the text index narrows
    assert set(PLACEHOLDER.findall(named.text)) == declared
    for parameter in named.parameters:  # written exactly as the binder looks for it
        assert parameter.placeholder in named.text


@pytest.mark.parametrize("name", QUERIES)
def test_defaults_and_example_values_resolve(dataset: Dataset, name: str) -> None:
    named = catalogue()[name]
    binder = dataset.binder()
    for parameter in named.parameters:
        if parameter.default:
            binder.term(parameter.name, parameter.type, parameter.default)
    for parameter_name, value in named.example_params().items():
        binder.term(parameter_name, named.parameter(parameter_name).type, value)


@pytest.mark.parametrize("name", QUERIES)
def test_query_is_plain_sparql(dataset: Dataset, name: str) -> None:
    """A read-only SELECT with a fixed order, which rdflib's parser reads too, with and
    without its parameters bound."""
    named = catalogue()[name]
    assert check_query(named.text).form == "SELECT"  # no update, no SERVICE
    prepareQuery(named.text)
    prepareQuery(_bound(dataset, named, named.example_params()))
    assert re.search(r"^ORDER BY ", named.text, re.MULTILINE)


@pytest.mark.parametrize("name", QUERIES)
def test_query_runs_on_an_empty_dataset(name: str) -> None:
    empty = Dataset(store=ox.Store())
    assert empty.query(name, catalogue()[name].example_params()).rows() == []


# ---------------------------------------------------------------- the fixture itself


def test_fixture_has_a_graph_per_item_and_the_reference_graph(dataset: Dataset) -> None:
    sparql = """
        SELECT DISTINCT ?graph ?item WHERE {
          GRAPH ?graph { ?item a <https://schema.org/NewsArticle> }
        } ORDER BY ?item"""
    rows = dataset.query(sparql).rows()
    assert [r["item"] for r in rows] == sorted(ITEMS)
    for row in rows:
        assert row["graph"] == row["item"].replace(ITEM, BASE + "graph/")
    graphs = {quad.graph_name.value for quad in ox.parse(path=str(FIXTURE))}
    assert graphs == {r["graph"] for r in rows} | {BASE + "graph/reference"}


def test_fixture_offsets_point_at_the_words(dataset: Dataset) -> None:
    """Every `<item#char=S,E>` has S and E as offsets within its item's body, and a quote's
    offsets frame its text, an event's occurrence its name."""
    sparql = """
        PREFIX schema: <https://schema.org/>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        SELECT DISTINCT ?node ?body ?words WHERE {
          { ?node itsrdf:taIdentRef ?thing OPTIONAL { ?thing a schema:Event ; schema:name ?words } }
          UNION { ?node a schema:Quotation ; schema:text ?words }
          BIND(IRI(STRBEFORE(STR(?node), "#")) AS ?item)
          ?item schema:articleBody ?body .
        }"""
    rows = dataset.query(sparql).rows()
    assert len(rows) == 64 + 6 + 11  # mentions, events' occurrences, quotes
    for row in rows:
        begin, end = map(int, row["node"].rpartition("#char=")[2].split(","))
        assert 0 <= begin < end <= len(row["body"]), row["node"]
        if row["words"] is not None:
            assert row["body"][begin:end] == row["words"], row["node"]


# ---------------------------------------------------------------- parameters are values


@pytest.mark.parametrize("state", ["Belgium", "BE", "BEL", COUNTRY + "be", f"<{COUNTRY}be>"])
def test_friendly_state_resolves(dataset: Dataset, state: str) -> None:
    rows = dataset.query("items-mentioning-state-by-year", {"state": state}).rows()
    assert [(r["state"], r["year"], r["items"]) for r in rows] == [
        (COUNTRY + "be", 2008, 2),
        (COUNTRY + "be", 2009, 1),
        (COUNTRY + "be", 2025, 3),
    ]


def test_terms_can_be_given_as_rdf_terms(dataset: Dataset) -> None:
    year = ox.Literal("2010", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    rows = dataset.query("chair-at-publication", {"year": year}).rows()
    assert rows == [{"date": date(2010, 9, 15), "item": YOUTH, "chair": None, "chairName": None}]


@pytest.mark.parametrize(
    ("name", "params", "suggestion"),
    [
        ("items-mentioning-state-by-year", {"state": "Belgum"}, "Belgium"),
        ("items-per-field-per-year", {"field": "Electons"}, "Elections"),
        ("latest-items-of-unit", {"unit": "Secretariatt"}, "Secretariat"),
        ("decisions-by-body", {"body": "Permanent Counsil"}, "Permanent Council"),
    ],
)
def test_unknown_value_fails_with_close_matches(
    dataset: Dataset, name: str, params: dict[str, str], suggestion: str
) -> None:
    parameter, value = next(iter(params.items()))
    with pytest.raises(QueryError, match=f"parameter {parameter}: no .* named '{value}'") as error:
        dataset.query(name, params)
    assert f"close matches: {suggestion}" in str(error.value)


def test_typed_values_are_checked(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="parameter year: 'last year' is not a year"):
        dataset.query("chair-at-publication", {"year": "last year"})
    with pytest.raises(QueryError, match="parameter limit: 'ten' is not a whole number"):
        dataset.query("latest-items-of-unit", {"limit": "ten"})


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("mentions-in-text", {"thing": "<http://example.org/a b>"}, "Invalid IRI code point ' '"),
        (
            "mentions-in-text",
            {"thing": "country:be lgium"},
            "'country:be lgium' is not an absolute",
        ),
        ("decisions-by-body", {"body": "https://example.org/{x}"}, "Invalid IRI code point '{'"),
        ("items-mentioning-state-by-year", {"state": 'http://x/"y'}, "Invalid IRI code point"),
        ("latest-items-of-unit", {"limit": "99999999999999999999"}, "from 1 to 10,000"),
        ("latest-items-of-unit", {"limit": "-9223372036854775809"}, "from 1 to 10,000"),
        ("full-text-search", {"text": " "}, "parameter text: no value given"),
        ("full-text-search", {"text": "\t\n"}, "parameter text: no value given"),
        ("latest-items-of-unit", {"limit": ""}, "parameter limit: no value given"),
        ("people-and-posts", {"person": "  "}, "parameter person: no value given"),
    ],
)
def test_values_that_cannot_be_terms_are_refused(
    dataset: Dataset, name: str, params: dict[str, str], message: str
) -> None:
    """Not bound to something that quietly matches nothing (an integer the engine cannot
    compute with) or everything (an empty text)."""
    with pytest.raises(QueryError, match=re.escape(message)):
        dataset.query(name, params)


def test_the_integer_range_is_the_engines(dataset: Dataset) -> None:
    largest = 2**63 - 1
    ask = "SELECT ?n { VALUES ?n { UNDEF } FILTER(?n - 1 < ?n) }"
    assert dataset.query(ask, {"n": str(largest)}).rows() == [{"n": largest}]
    with pytest.raises(QueryError, match="out of range"):
        dataset.query(ask, {"n": str(largest + 1)})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("<http://example.org/a b>", "parameter h: '<http://example.org/a b>' is not an absolute"),
        ("http://example.org/a|b", "Invalid IRI code point '|'"),
        ("123456789012345678901234567890", "parameter h: 123456789012345678901234567890 is out"),
        ("   ", "parameter h: no value given"),
        ("caf\udce9", "parameter h: the value holds bytes that are not UTF-8"),
    ],
)
def test_ad_hoc_values_that_cannot_be_terms_are_refused(
    dataset: Dataset, value: str, message: str
) -> None:
    sparql = "SELECT ?i WHERE { VALUES ?h { UNDEF } ?i <https://schema.org/headline> ?h }"
    with pytest.raises(QueryError, match=re.escape(message)):
        dataset.query(sparql, {"h": value})


def test_unknown_parameter_and_query_names_fail(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"has no parameter 'country' \(its parameters: state\)"):
        dataset.query("items-mentioning-state-by-year", {"country": "Belgium"})
    with pytest.raises(
        QueryError, match=r"unknown query 'people-and-post' \(close matches: people-and-posts\)"
    ):
        named_query("people-and-post")


@pytest.mark.parametrize("name", ["people-and-post", "counts_per_class", "nosuch"])
def test_a_name_not_in_the_catalogue_is_an_unknown_query(dataset: Dataset, name: str) -> None:
    """Not SPARQL text either: never "not a SPARQL query", nor run as one."""
    with pytest.raises(QueryError, match=f"unknown query '{name}'"):
        dataset.query(name)


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("field-operations-by-host", {"status": "foo"}, "'foo' is not one of open, closed"),
        ("field-operations-by-host", {"status": "Open"}, "'Open' is not one of open, closed"),
        ("latest-items-of-unit", {"limit": "0"}, "'0' is not a whole number from 1 to 10,000"),
        ("latest-items-of-unit", {"limit": "-3"}, "'-3' is not a whole number from 1 to 10,000"),
        ("latest-items-of-unit", {"limit": "10001"}, "not a whole number from 1 to 10,000"),
        (
            "top-funding-states",
            {"from": "2012", "to": "2008"},
            "from \\(2012\\) is after to \\(2008\\)",
        ),
        ("mentions-in-text", {"thing": "zz:be"}, "no prefix 'zz' is known"),
        ("mentions-in-text", {"thing": "contry:be"}, "close matches: country"),
    ],
)
def test_a_value_outside_its_type_is_refused_not_answered_with_no_rows(
    dataset: Dataset, name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        dataset.query(name, params)


def test_values_at_the_edges_of_their_types_are_taken(dataset: Dataset) -> None:
    assert dataset.query("latest-items-of-unit", {"limit": "10000"}).rows()
    assert dataset.query("top-funding-states", {"from": "2008", "to": "2008"}) is not None
    assert dataset.query("field-operations-by-host", {"status": "closed"}).rows()
    assert dataset.query("mentions-in-text", {"thing": "<https://w3id.org/osce/country/be>"})


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("people-and-posts", "person"),
        ("quotes-by-person", "person"),
        ("full-text-search", "text"),
    ],
)
def test_hostile_value_is_a_literal_that_matches_nothing(
    dataset: Dataset, name: str, parameter: str, hostile: str
) -> None:
    before = _size(dataset)
    assert dataset.query(name, {parameter: hostile}).rows() == []
    assert _size(dataset) == before


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_value_in_ad_hoc_sparql(dataset: Dataset, hostile: str) -> None:
    sparql = (
        "SELECT ?item WHERE { VALUES ?h { UNDEF } ?item <https://schema.org/headline> ?h } "
        "ORDER BY ?item"
    )
    before = _size(dataset)
    assert dataset.query(sparql, {"h": hostile}).rows() == []
    assert _size(dataset) == before
    headline = "OSCE Mission to Skopje supports youth councils"
    assert dataset.query(sparql, {"h": headline}).rows() == [{"item": YOUTH}]


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
        "PREFIX ex: <urn:x:> INSERT DATA { GRAPH ex:g { ex:a ex:b ex:c } }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR DEFAULT",
        "LOAD <http://example.org/data.ttl>",
        "drop graph <https://w3id.org/osce/graph/reference>",
    ],
)
def test_updates_are_refused(dataset: Dataset, update: str) -> None:
    before = _size(dataset)
    with pytest.raises(QueryError, match="updates are refused"):
        dataset.query(update)
    assert _size(dataset) == before


def test_update_words_inside_strings_are_not_updates(dataset: Dataset) -> None:
    rows = dataset.query("full-text-search", {"text": "DROP ALL"}).rows()
    assert rows == []
    sparql = 'SELECT ?h WHERE { ?i <https://schema.org/headline> ?h FILTER(CONTAINS(?h, "DROP")) }'
    assert dataset.query(sparql).rows() == []


SERVICE = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"


@pytest.mark.parametrize("sparql", [SERVICE, SERVICE.replace("SERVICE", "service")])
def test_service_is_refused(dataset: Dataset, sparql: str) -> None:
    with pytest.raises(QueryError, match=r"SERVICE .* is refused"):
        dataset.query(sparql)


def test_service_is_allowed_when_asked(dataset: Dataset) -> None:
    # Port 9 is one the engine's HTTP client never connects to: SILENT gives one empty row,
    # and nothing leaves the machine.
    sparql = "SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SERVICE"):
        dataset.query(sparql)
    assert dataset.query(sparql, allow_service=True).rows() == [{"s": None}]


# ---------------------------------------------------------------- the same rows on a server


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dataset]:
    """A server that answers from Oxigraph's own union of the named graphs (a triple once per
    graph that holds it): the catalogue's queries give the same rows there too."""
    location = tmp_path_factory.mktemp("oxigraph-queries")
    with oxigraph_server(location, "--union-default-graph") as url:
        server = Dataset.open(url)
        # The fixture is written for the queries, not the whole model (its texts carry no
        # language tags): loaded as it is, as `load --no-validate` would.
        assert len(server.load([FIXTURE], validate=False)) == len(ITEMS) + 1
        yield server


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=CASE_IDS)
def test_server_gives_the_same_rows(
    dataset: Dataset, remote: Dataset, name: str, params: dict[str, str], expected: list[Row]
) -> None:
    found = remote.query(name, params)
    assert found.rows() == expected
    assert found.raw == dataset.query(name, params).raw


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_value_matches_nothing_on_the_server(remote: Dataset, hostile: str) -> None:
    assert remote.query("people-and-posts", {"person": hostile}).rows() == []
    assert remote.query("full-text-search", {"text": hostile}).rows() == []
    assert _size(remote) > 1000


def test_a_required_parameter_must_be_given() -> None:
    with pytest.raises(QueryError, match=r"needs --param text="):
        Dataset.open(FIXTURE).query("full-text-search")


def test_evaluation_errors_are_query_errors() -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="the query failed"):
        Dataset.open(FIXTURE).query(query, allow_service=True)
