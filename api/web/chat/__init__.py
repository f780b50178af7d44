"""The client's web chat: the page at `/`, its privacy notice and `/embed.js`."""
