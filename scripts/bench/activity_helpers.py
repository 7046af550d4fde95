"""Prepares the accompaniment benchmark against a running `relais demo`: the demo
coordinator invites N helpers into the demo library, each accepts the invitation, signs the
helpers' charter and logs in. Writes one session cookie per line to COOKIES, and the library's
first place id to PLACE.

    python3 activity_helpers.py BASE_URL N COOKIES PLACE
"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

BASE, COUNT, COOKIES, PLACE = sys.argv[1].rstrip("/"), int(sys.argv[2]), sys.argv[3], sys.argv[4]
PASSWORD = "une phrase de passe pour le banc"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    return opener, jar


def call(opener, path, form=None):
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
    try:
        with opener.open(BASE + path, data=data) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def login(email, password):
    opener, jar = session()
    status, body, _ = call(opener, "/connexion", {"email": email, "password": password})
    assert status == 303, (email, status, body[:200])
    return opener, jar


coordinator, _ = login("coordination@demo.relais.test", "relais-demo-2026")
_, staff, _ = call(coordinator, "/equipe")
library = re.search(r'<option value="(\d+)"[^>]*>Médiathèque des Tilleuls', staff).group(1)
cookies = []
for n in range(COUNT):
    email = f"banc.{n}@demo.relais.test"
    status, body, _ = call(coordinator, "/equipe/invitations", {
        "email": email, "role": "helper", "helper_kind": "volunteer", "organization_id": library,
    })
    link = re.search(r'data-testid="invitation-link"[^>]*>\s*([^<\s]+)', body).group(1)
    path = urllib.parse.urlparse(link).path
    helper, jar = session()
    status, body, _ = call(helper, path, {
        "display_name": f"Encadrant banc {n}", "password": PASSWORD, "password_confirm": PASSWORD,
    })
    assert status == 303, (status, body[:300])
    _, page, _ = call(helper, "/chartes/encadrants/signer")
    version = re.search(r'name="version_hash" value="([0-9a-f]+)"', page).group(1)
    status, body, _ = call(helper, "/chartes/encadrants/signer", {
        "version_hash": version, "full_name": f"Encadrant banc {n}", "helper_kind": "volunteer",
        "signed_at_place": "Angoulême", "accept": "oui",
    })
    assert status == 303, (status, body[:300])
    cookies.append(next(c.value for c in jar if c.name == "relais_session"))
with open(COOKIES, "w") as out:
    out.write("\n".join(cookies) + "\n")
_, form, _ = call(helper, "/accompagnements/nouveau")
place = re.search(r'<select id="lieu" name="lieu"[^>]*>\s*<option value="">[^<]*</option>\s*<option value="(\d+)"', form).group(1)
with open(PLACE, "w") as out:
    out.write(place + "\n")
print(f"{len(cookies)} helpers signed in; place {place}")
