"""The article's metadata as HTML head tags: Highwire Press, Dublin Core, JSON-LD.

Pure functions from the model to strings; :mod:`.pages` decides which page
gets what. Schema.org type: ``ScholarlyArticle`` rather than ``NewsArticle``:
the article is a sourced essay with a bibliography, read by reference
managers and scholarly indexes (its ``citation`` list is the point), and it
has no news publisher, dateline or news section for ``NewsArticle`` to carry.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .model import Article, Author
from .works import CitedWork

SCHEMA_TYPE = "ScholarlyArticle"
DC_SCHEMA = "http://purl.org/dc/elements/1.1/"
DCTERMS_SCHEMA = "http://purl.org/dc/terms/"

#: BibTeX type -> schema.org type of a cited work
WORK_TYPES = {
    "article": "ScholarlyArticle",
    "inproceedings": "ScholarlyArticle",
    "incollection": "Chapter",
    "inbook": "Chapter",
    "book": "Book",
    "techreport": "Report",
    "report": "Report",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
    "thesis": "Thesis",
    "online": "WebPage",
    "dataset": "Dataset",
}


def meta(name: str, content: str) -> str:
    return f'<meta name="{escape(name)}" content="{escape(content)}" />'


def highwire_tags(article: Article, landing_url: str, page_url: str, pdf_url: str,
                  works: list[CitedWork]) -> list[str]:
    """Google Scholar's inclusion guidelines; also what Zotero's connector reads first.

    *landing_url*: the article's landing page; *page_url*: the page carrying the tags
    (a one-page edition holds the full text)."""
    tags = [meta("citation_title", article.title)]
    for author in article.authors:
        tags.append(meta("citation_author", author.inverted_name))
        if author.affiliation:
            tags.append(meta("citation_author_institution", author.affiliation))
        if author.orcid:
            tags.append(meta("citation_author_orcid", author.orcid))
    if article.date_published:
        tags.append(meta("citation_publication_date", article.date_published.slashed()))
    if article.date_modified:
        tags.append(meta("citation_online_date", article.date_modified.slashed()))
    if article.language:
        tags.append(meta("citation_language", article.language))
    if article.keywords:
        tags.append(meta("citation_keywords", "; ".join(article.keywords)))
    if article.doi:
        tags.append(meta("citation_doi", article.doi))
    if landing_url or page_url:
        tags.append(meta("citation_abstract_html_url", landing_url or page_url))
    if page_url:
        tags.append(meta("citation_fulltext_html_url", page_url))
    if pdf_url:
        tags.append(meta("citation_pdf_url", pdf_url))
    tags += [meta("citation_reference", citation_reference(work)) for work in works]
    return tags


def citation_reference(work: CitedWork) -> str:
    """``citation_title=…; citation_author=…; …`` (one ``citation_reference`` per work)."""
    pairs = [("citation_title", work.title)]
    pairs += [("citation_author", author.inverted_name) for author in work.authors]
    if work.date:
        pairs.append(("citation_publication_date", work.date.slashed()))
    if work.container:
        key = "citation_journal_title" if work.type == "article" else (
            "citation_conference_title" if work.type == "inproceedings" else "citation_publisher")
        pairs.append((key, work.container))
    for key, value in (("citation_volume", work.volume), ("citation_issue", work.number),
                       ("citation_doi", work.doi), ("citation_arxiv_id", work.eprint),
                       ("citation_public_url", work.url)):
        if value:
            pairs.append((key, value))
    # ";" separates the pairs: keep it out of the values
    return "; ".join(f"{key}={value.replace(';', ',')}" for key, value in pairs)


def dublin_core_tags(article: Article, page_url: str) -> list[str]:
    tags = [
        f'<link rel="schema.DC" href="{DC_SCHEMA}" />',
        f'<link rel="schema.DCTERMS" href="{DCTERMS_SCHEMA}" />',
        meta("DC.title", article.title),
    ]
    tags += [meta("DC.creator", author.inverted_name) for author in article.authors]
    if article.date_published:
        tags.append(meta("DC.date", article.date_published.iso()))
        tags.append(meta("DCTERMS.issued", article.date_published.iso()))
    if article.date_modified:
        tags.append(meta("DCTERMS.modified", article.date_modified.iso()))
    if article.language:
        tags.append(meta("DC.language", article.language))
    if article.abstract:
        tags.append(meta("DC.description", article.abstract))
    tags += [meta("DC.subject", keyword) for keyword in article.keywords]
    tags += [meta("DC.rights", url) for url in article.license_urls]
    tags.append(meta("DC.type", "Text"))
    if article.doi:
        tags.append(meta("DC.identifier", f"doi:{article.doi}"))
    elif page_url:
        tags.append(meta("DC.identifier", page_url))
    return tags


def person(author: Author) -> dict[str, Any]:
    if not author.is_person:
        return {"@type": "Organization", "name": author.entity}
    data: dict[str, Any] = {"@type": "Person", "name": author.full_name}
    if author.given:
        data["givenName"] = author.given
    if author.family:
        data["familyName"] = author.family_with_particle
    if author.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    if author.orcid:
        data["sameAs"] = author.orcid
    return data


def article_json_ld(article: Article, landing_url: str, page_url: str, pdf_url: str,
                    works: list[CitedWork]) -> dict[str, Any]:
    """One node per article: every article-level page names it by the landing page's URL."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": SCHEMA_TYPE}
    if landing_url or page_url:
        data["@id"] = landing_url or page_url
    if page_url:
        data["url"] = page_url
    data["headline"] = article.title
    data["name"] = article.title
    if article.subtitle:
        data["alternativeHeadline"] = article.subtitle
    data["author"] = [person(author) for author in article.authors]
    if article.date_published:
        data["datePublished"] = article.date_published.iso()
    if article.modified:
        data["dateModified"] = article.modified.iso()
    if article.language:
        data["inLanguage"] = article.language
    if article.translation_of is not None:  # a translated edition names the original article
        original = article.translation_of
        data["translationOfWork"] = {"@type": SCHEMA_TYPE, "name": original.title,
                                     "inLanguage": original.language,
                                     **({"@id": original.url, "url": original.url} if original.url else {})}
    if article.abstract:
        data["abstract"] = article.abstract
    if article.keywords:
        data["keywords"] = list(article.keywords)
    if article.licenses:
        urls = article.license_urls
        data["license"] = urls[0] if len(urls) == 1 else urls
    if article.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": article.doi}
        data["sameAs"] = article.doi_url
    if pdf_url:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf_url}
    data["citation"] = [work_json_ld(work) for work in works]
    return data


def work_json_ld(work: CitedWork) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": WORK_TYPES.get(work.type, "CreativeWork")}
    if work.link:
        data["@id"] = work.link
    data["name"] = work.title
    if work.authors:
        data["author"] = [
            {"@type": "Person", "name": a.name} if a.is_person else {"@type": "Organization", "name": a.name}
            for a in work.authors
        ]
    if work.date:
        data["datePublished"] = work.date.iso()
    if work.container:
        data["isPartOf"] = {"@type": "Periodical" if work.type == "article" else "CreativeWork",
                            "name": work.container}
    if work.publisher:
        data["publisher"] = {"@type": "Organization", "name": work.publisher}
    if work.url:
        data["url"] = work.url
    if work.doi_url:
        data["sameAs"] = work.doi_url
    return data


def part_of_json_ld(article: Article, page_title: str, page_url: str, article_url: str) -> dict[str, Any]:
    """What a page of the article tells a crawler: it is part of the article."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebPage", "name": page_title}
    if page_url:
        data["url"] = page_url
    if article.language:
        data["inLanguage"] = article.language
    part_of: dict[str, Any] = {"@type": SCHEMA_TYPE}
    if article_url:
        part_of["@id"] = article_url
        part_of["url"] = article_url
    part_of["headline"] = article.title
    part_of["author"] = [person(author) for author in article.authors]
    data["isPartOf"] = part_of
    return data


def json_ld_script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">``; ``<``, ``>`` and ``&`` escaped so no
    value can close the script element. Compact: Python's C encoder writes
    only that (indented, the pure-Python one took the landing page's time)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'
