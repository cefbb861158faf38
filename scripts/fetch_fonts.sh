#!/bin/sh
# Re-fetch the four TH SarabunPSK styles into static/fonts/thsarabun/ and verify them.
# For upgrades only: the fonts are committed and the build never runs this.
# No Debian or npm package ships TH SarabunPSK; this PyPI wheel carries it. We download the
# wheel (never install it: it is an Odoo addon) and take just the font files out of it.
set -eu

WHEEL_SPEC="odoo-addon-l10n-th-base-utils==19.0.2.0.0"
SRC_DIR="odoo/addons/l10n_th_base_utils/static/fonts/thai/THSarabun"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/static/fonts/thsarabun"
PIP="${PIP:-$ROOT/.venv/bin/pip}"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$PIP" download --quiet --no-deps --dest "$TMP" "$WHEEL_SPEC"
unzip -q -j "$TMP"/*.whl "$SRC_DIR/THSarabun-*.ttf" -d "$TMP/fonts"

# A changed file means a changed font: update these sums (and the README) only on purpose.
cat > "$TMP/SHA256SUMS" <<'SUMS'
51a071f55fe0b21d05334bea94d6e13393edd23e4bf775fd6b1f829bece967f4  THSarabun-Regular.ttf
7457675c19186491cae40957f07d2426f0fe9633379fa0198b78fc0db753702b  THSarabun-Bold.ttf
79ba913cdb90bac50e312875823e55322f7b80c5a5ab8a0e4d351ee215840004  THSarabun-Italic.ttf
8a8731b6bed21f1a0b6788162239d4390974e1ad379462235d55a6377e8b1689  THSarabun-Bold-Italic.ttf
SUMS
(cd "$TMP/fonts" && sha256sum --check --strict "$TMP/SHA256SUMS")

mkdir -p "$DEST"
cp "$TMP"/fonts/THSarabun-*.ttf "$DEST/"
echo "TH SarabunPSK fonts verified and copied to $DEST"
