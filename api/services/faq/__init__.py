"""FAQ content: topics written by the content team in data/faq/, one file per topic."""
