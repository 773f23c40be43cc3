// Offline search over the prebuilt index (search-index.js): every word of the
// query must begin a word of a story's headline, brief or quotes ("vote" finds
// "voters", "war" does not find "award"). Results are built with textContent,
// never as HTML, so no article text can become markup.
"use strict";
(function () {
  const fold = (text) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const wordsOf = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Each story's words, folded once when the page loads.
  const stories = (window.NEWSDESK_INDEX || []).map((s) => ({ ...s, words: wordsOf(s.text) }));
  const form = document.getElementById("search");
  const input = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");

  function search(query) {
    const words = wordsOf(query);
    results.replaceChildren();
    if (!words.length) {
      status.textContent = "Type words to find the stories that use all of them.";
      return;
    }
    const found = stories.filter((s) => words.every((w) => s.words.some((v) => v.startsWith(w))));
    status.textContent = found.length === 1 ? "1 story found." : found.length + " stories found.";
    for (const story of found) {
      const item = document.createElement("li");
      item.className = "story-card";
      const heading = document.createElement("h2");
      const link = document.createElement("a");
      link.href = "stories/" + story.id + ".html";
      link.textContent = story.headline;
      heading.append(link);
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = story.section + " · " + story.outlets.join(", ") + " · " + story.date;
      item.append(heading, meta);
      results.append(item);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
  });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
