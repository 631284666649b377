// Tells the console the browser's time zone, so deadlines show in the user's zone ("respond by ...").
(function () {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("cpor_tz=" + encodeURIComponent(zone)) < 0) {
        document.cookie = "cpor_tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Lax";
    }
    // a confirmation where an action cannot be undone (withdraw): data-confirm="question"
    document.addEventListener("submit", function (event) {
        var question = event.target.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });
})();
