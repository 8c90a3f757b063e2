/* Search worker: Material's own search worker, plus stemmed terms so that inflected words are found.
 *
 * Material turns every query term into a prefix search ("mobilene" -> "mobilene*"), and lunr never
 * runs prefix terms through the language's stemmer. So "mobilene" (the phones) would not find
 * "mobilen" (the phone), although the index holds both as the stem "mobil". This wrapper adds each
 * plain term once more as an ordinary term ("mobilene^1"), which lunr does stem, and drops the
 * "missing term" marks that the unstemmed spelling would otherwise show on every result.
 *
 * Its other change: lunr's language plugins (lunr.no for Bokmål and Nynorsk) trim every character that
 * is not a letter from the ends of each word, digits included, so a step code such as "P3" was indexed
 * as "p" and could not be found. Once a plugin is loaded, its trimmer keeps digits as English does.
 *
 * Loaded from Material's config by the hook overrides/hooks/search_stemming.py, with Material's
 * worker as `?material=<file name>`. It lives next to Material's worker so that the worker's
 * relative paths (../lunr/...) stay right. Same origin only; no inline code.
 */
(function () {
  "use strict";
  var QUERY = 2;   // Material's SearchMessageType.QUERY
  var RESULT = 3;  // Material's SearchMessageType.RESULT
  var PLAIN = /^[^\s+\-~^*:"]{3,}$/;

  function withStems(query) {
    var extra = query.trim().split(/\s+/).filter(function (t) { return PLAIN.test(t); })
      .map(function (t) { return t + "^1"; });
    return extra.length ? query + " " + extra.join(" ") : query;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message.data = withStems(message.data);
    }
  });

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      message.data.items.forEach(function (group) {
        group.forEach(function (item) {
          var terms = {};
          Object.keys(item.terms || {}).forEach(function (t) { if (item.terms[t]) terms[t] = true; });
          item.terms = terms;
        });
      });
    }
    return post.apply(self, arguments);
  };

  /** Makes each loaded language plugin's trimmer keep digits (0-9) as well as its letters. */
  function trimmersKeepDigits() {
    var lunr = self.lunr;
    if (!lunr || !lunr.trimmerSupport) return;
    Object.keys(lunr).forEach(function (lang) {
      var plugin = lunr[lang];
      if (!plugin || typeof plugin.wordCharacters !== "string" || plugin.trimmerKeepsDigits) return;
      plugin.trimmer = lunr.trimmerSupport.generateTrimmer(plugin.wordCharacters + "0-9");
      lunr.Pipeline.registerFunction(plugin.trimmer, "trimmer-" + lang + "-digits");
      plugin.trimmerKeepsDigits = true;
    });
  }

  // Material loads the language plugins with importScripts when the search is set up, and builds
  // the index right after: each plugin's trimmer is replaced as soon as it is loaded.
  var load = self.importScripts;
  self.importScripts = function () {
    var result = load.apply(self, arguments);
    trimmersKeepDigits();
    return result;
  };

  var material = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("search-stemming.js: ?material= must name Material's search worker");
  }
  importScripts(material);
})();
