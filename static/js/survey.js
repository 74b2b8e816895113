// Optional help for the survey form; the form works fully without it.
// It keeps the progress bar current and saves answers as the rater goes,
// through the same JSON API other clients use.
(function () {
  "use strict";
  var form = document.querySelector("form.survey-form");
  if (!form || !window.fetch || !window.JSON) return;

  var path = (form.getAttribute("action") || "").split("#")[0];
  var token = path.replace(/^\/s\//, "");
  if (!token || token === path) return;
  var api = "/api/v1/survey/" + encodeURIComponent(token);

  var status = document.getElementById("autosave-status");
  var answered = form.querySelector("[data-answered]");
  var percent = form.querySelector("[data-percent]");
  var bar = form.querySelector("[data-progress] progress");
  var fieldsets = form.querySelectorAll("fieldset.item");

  function updateProgress() {
    var n = 0;
    for (var i = 0; i < fieldsets.length; i++) {
      if (fieldsets[i].querySelector("input:checked")) n++;
    }
    if (answered) answered.textContent = String(n);
    if (bar) bar.value = n;
    if (percent && fieldsets.length) percent.textContent = Math.floor((100 * n) / fieldsets.length) + "%";
  }

  function collect() {
    var body = { answers: {}, comments: {} };
    var radios = form.querySelectorAll("input[type=radio]:checked");
    for (var i = 0; i < radios.length; i++) {
      var id = radios[i].name.replace(/^item-/, "");
      body.answers[id] = radios[i].value === "na" ? null : parseInt(radios[i].value, 10);
    }
    var texts = form.querySelectorAll("textarea[name^=comment-]");
    for (var j = 0; j < texts.length; j++) {
      body.comments[texts[j].name.replace(/^comment-/, "")] = texts[j].value;
    }
    return body;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  var timer = null;
  var saving = false;
  var again = false;

  function save() {
    timer = null;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    say("Saving…");
    fetch(api, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(collect()),
      credentials: "omit",
      cache: "no-store"
    })
      .then(function (resp) {
        if (resp.ok) {
          var t = new Date();
          say("Saved automatically at " + t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
        } else if (resp.status === 409) {
          say("This survey can no longer change. Reload the page to see why.");
        } else {
          return resp.json().then(function (e) {
            say("Not saved automatically: " + (e && e.error ? e.error : "please use “Save for later”."));
          });
        }
      })
      .catch(function () {
        say("Not saved automatically (no connection?). Your answers are still on this page.");
      })
      .then(function () {
        saving = false;
        if (again) {
          again = false;
          schedule(0);
        }
      });
  }

  function schedule(delay) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("change", function (e) {
    if (e.target && e.target.type === "radio") {
      updateProgress();
      schedule(600);
    }
  });
  form.addEventListener("input", function (e) {
    if (e.target && e.target.tagName === "TEXTAREA") schedule(2000);
  });
  // A form submit takes over: no autosave may land after it.
  form.addEventListener("submit", function () {
    if (timer) clearTimeout(timer);
  });
})();
