// The SPARQL editor at /: YASGUI on this server's /sparql, one tab per saved query.
// window.KG_TABS ([{name, query}]) and window.KG_BASE (entity IRI base) are set by the page.
(function () {
  "use strict";
  var missing = document.getElementById("yasgui-missing");
  if (typeof window.Yasgui === "undefined") {
    if (missing) missing.hidden = false;
    return;
  }
  var endpoint = new URL("/sparql", window.location.href).href;
  var requestConfig = { endpoint: endpoint, method: "POST", acceptHeaderSelect: "application/sparql-results+json" };
  // Our entity IRIs open this server's /id/ pages.
  var base = window.KG_BASE || "";
  var yasgui = new window.Yasgui(document.getElementById("yasgui"), {
    requestConfig: requestConfig,
    copyEndpointOnNewTab: true,
    persistenceId: null, // always start from the saved queries, not from what a previous visit left
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasr: {
      prefixes: {},
    },
  });
  var tabs = window.KG_TABS || [];
  var first = yasgui.getTab();
  tabs.forEach(function (t, i) {
    yasgui.addTab(i === 0, { name: t.name, yasqe: { value: t.query }, requestConfig: requestConfig });
  });
  if (first && tabs.length) {
    try { yasgui.getTab(first.getId()).close(); } catch (e) { /* keep it */ }
  }
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("#yasgui a[href]");
    if (!a || !base) return;
    var href = a.getAttribute("href");
    if (href.indexOf(base) === 0) {
      event.preventDefault();
      event.stopPropagation();
      window.open("/id/" + href.substring(base.length), a.target || "_self");
    }
  }, true);
  window.kgYasgui = yasgui;
})();
