// Sign-in for the staff and admin pages: the form, who is signed in, and sign-out. The session is the
// service's HttpOnly cookie; the page never sees or stores the token.

import { ApiError, staffApi as api } from "./api.js";
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

/**
 * Uses #signin (an empty section), #who and #signout from the page.
 * @param {object} hooks  {lang(): string, onSignedIn(user), onSignedOut()}
 */
export function startSession(hooks) {
  const section = document.getElementById("signin");
  const who = document.getElementById("who");
  const signout = document.getElementById("signout");

  function showForm() {
    const lang = hooks.lang();
    const error = h("p", { class: "error", role: "alert", hidden: true });
    const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true });
    const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
    const form = h(
      "form",
      {
        onsubmit: async (event) => {
          event.preventDefault();
          error.hidden = true;
          try {
            await api.login(username.value, password.value);
            password.value = "";
            signedIn(await api.me());
          } catch (err) {
            const wrong = err instanceof ApiError && err.status === 401;
            error.textContent = wrong ? t(hooks.lang(), "signInFailed") : err.message || t(hooks.lang(), "networkError");
            error.hidden = false;
          }
        },
      },
      h("label", { for: "username" }, t(lang, "username")),
      username,
      h("label", { for: "password" }, t(lang, "password")),
      password,
      error,
      h("button", { type: "submit", class: "button primary" }, t(lang, "signIn")),
    );
    replace(section, h("h2", {}, t(lang, "signIn")), form);
    section.hidden = false;
    signout.hidden = true;
    who.textContent = "";
    username.focus();
  }

  function signedIn(user) {
    section.hidden = true;
    signout.hidden = false;
    who.textContent = `${user.username} (${user.role})`;
    hooks.onSignedIn(user);
  }

  signout.addEventListener("click", async () => {
    await api.logout().catch(() => null);
    hooks.onSignedOut();
    showForm();
  });

  api
    .me()
    .then(signedIn, showForm)
    .finally(() => (document.body.dataset.ready = "true"));
  return {
    /** Redraw the sign-in form in the current language, if it is showing. */
    relabel() {
      if (!section.hidden) showForm();
    },
  };
}
