// Progressive enhancement for consent.html: put the admin's tenant into every consent link.
// Without JavaScript the form stays hidden and the links use "organizations", which works.
(function () {
  "use strict";
  var form = document.getElementById("tenant-form");
  if (!form || !window.URL) return;
  var input = form.querySelector("input");
  var status = form.querySelector(".tenant-status");
  var links = document.querySelectorAll("a[data-tenant-link]");
  var guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  var domain = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  form.hidden = false;

  function apply(event) {
    if (event) event.preventDefault();
    var tenant = input.value.trim().toLowerCase() || "organizations";
    if (tenant === "common" || tenant === "consumers") {
      status.textContent = "'" + tenant + "' cannot grant admin consent: use your tenant ID or a verified domain.";
      return;
    }
    if (tenant !== "organizations" && !guid.test(tenant) && !domain.test(tenant)) {
      status.textContent = "Enter your tenant ID (a GUID) or a verified domain such as contoso.onmicrosoft.com.";
      return;
    }
    Array.prototype.forEach.call(links, function (a) {
      var url = new URL(a.href);
      var parts = url.pathname.split("/");
      parts[1] = encodeURIComponent(tenant);
      url.pathname = parts.join("/");
      a.href = url.toString();
    });
    status.textContent = "The links now sign in to " + tenant + ".";
  }

  form.addEventListener("submit", apply);
  input.addEventListener("change", apply);

  // consent.html?tenant=contoso.onmicrosoft.com opens with that tenant in the links.
  var given = new URLSearchParams(window.location.search).get("tenant");
  if (given) {
    input.value = given;
    apply();
  }
})();
