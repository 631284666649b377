// The console's only script (the CSP allows scripts from the console itself, none inline).
(function () {
    // Tells the console the browser's time zone, so deadlines show in the user's zone ("respond by ..."). A page
    // rendered in another zone (data-zone: the first page after sign-in) is asked for again, once per zone: a zone
    // the server does not know would otherwise reload forever.
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("cpor_tz=" + encodeURIComponent(zone)) < 0) {
        document.cookie = "cpor_tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Lax";
    }
    var pageZone = document.body.getAttribute("data-zone");
    if (zone && pageZone && pageZone !== zone && window.sessionStorage.getItem("cpor_tz_reloaded") !== zone) {
        window.sessionStorage.setItem("cpor_tz_reloaded", zone);
        window.location.reload();
    }

    // The create and edit form explain the rules as the user types: only the products of the chosen solution area
    // are shown (those of the other area are disabled, so not sent), and a customer contact outside the customer's
    // domain is pointed out before the reviewers do.
    var area = document.getElementById("solutionArea");
    function showProductsOfArea() {
        document.querySelectorAll(".product-area").forEach(function (group) {
            var other = group.getAttribute("data-area") !== area.value;
            group.hidden = other;
            group.querySelectorAll("input").forEach(function (input) {
                if (!input.hasAttribute("data-locked")) {
                    input.disabled = other;
                }
            });
        });
    }
    if (area) {
        document.querySelectorAll(".product-area input:disabled").forEach(function (input) {
            input.setAttribute("data-locked", "");
        });
        area.addEventListener("change", showProductsOfArea);
        showProductsOfArea();
    }
    var contactEmail = document.getElementById("customerContactEmail");
    var customerDomain = document.getElementById("customerDomain");
    var mismatch = document.getElementById("domain-mismatch");
    function checkContactDomain() {
        var email = contactEmail.value.trim().toLowerCase();
        var domain = customerDomain.value.trim().toLowerCase();
        var at = email.lastIndexOf("@");
        var emailDomain = at > 0 ? email.substring(at + 1) : "";
        mismatch.hidden = !(emailDomain && domain && emailDomain !== domain
            && emailDomain.slice(-(domain.length + 1)) !== "." + domain);
    }
    if (contactEmail && customerDomain && mismatch) {
        contactEmail.addEventListener("input", checkContactDomain);
        customerDomain.addEventListener("input", checkContactDomain);
        checkContactDomain();
    }

    // a confirmation where an action cannot be undone (withdraw): data-confirm="question"
    document.addEventListener("submit", function (event) {
        var question = event.target.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });

    // Upload progress: a form with data-progress="<id>" sent by htmx shows how much has gone in the display <id>
    // (a <progress>, a percentage for screen readers, a failure message); it only ever grows, as htmx reports the
    // download of the answer with the same event after the upload.
    function progressOf(event) {
        // the form that sent the request: after the swap htmx reports on an ancestor, the form is in requestConfig
        var detail = event.detail || {};
        var form = (detail.requestConfig && detail.requestConfig.elt) || detail.elt || event.target;
        var id = form && form.getAttribute ? form.getAttribute("data-progress") : null;
        return id ? document.getElementById(id) : null;
    }

    function show(display, percent) {
        var bar = display.querySelector("progress");
        if (percent > bar.value || percent === 0) {
            bar.value = percent;
            display.querySelector("[role=status]").textContent = percent + " %";
        }
    }

    document.addEventListener("htmx:beforeRequest", function (event) {
        var display = progressOf(event);
        if (display) {
            display.hidden = false;
            display.querySelector(".field-error").hidden = true;
            show(display, 0);
        }
    });
    document.addEventListener("htmx:xhr:progress", function (event) {
        var display = progressOf(event);
        if (display && event.detail.lengthComputable && event.detail.total > 0) {
            show(display, Math.round(100 * event.detail.loaded / event.detail.total));
        }
    });
    document.addEventListener("htmx:afterRequest", function (event) {
        var display = progressOf(event);
        if (display) {
            if (event.detail.successful) {
                show(display, 100);
            } else {
                display.querySelector(".field-error").hidden = false;
            }
        }
    });
})();
