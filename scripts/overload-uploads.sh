#!/usr/bin/env bash
# Overload: 32 uploads of 19 MB image-only PDFs at once against the default run with -Xmx640m, as
# in issue #15; prints the HTTP statuses and counts OutOfMemoryError in the log.
#   ./mvnw -q package -DskipTests -Dbpmnlint.skip=true && scripts/overload-uploads.sh [max-concurrent-uploads]
# Without an argument the default limit (4) applies; 1000 shows what happened without a limit.
set -euo pipefail
jar=$(ls "$(dirname "$0")"/../target/facteur-*.jar | grep -v original | head -1)
limit=${1:-4}
port=18080
work=$(mktemp -d)
python3 - "$work/big.pdf" <<'PY'
import os, sys
w = h = 4400
img = os.urandom(w * h)
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n" % (w, h, len(img)) + img + b"\nendstream"]
content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
out = bytearray(b"%PDF-1.4\n")
offsets = []
for i, o in enumerate(objs):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
OMP_THREAD_LIMIT=1 java -Xmx640m -jar "$jar" --server.port=$port --facteur.database.embedded.data-directory= \
  --facteur.security.max-concurrent-uploads="$limit" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs localhost:$port/actuator/health >/dev/null 2>&1; do sleep 0.5; done
for i in $(seq 1 32); do cp "$work/big.pdf" "$work/f$i.pdf"; echo "% $i $RANDOM" >> "$work/f$i.pdf"; done
for i in $(seq 1 32); do
  curl -s -o /dev/null -H "Expect:" -w "%{http_code} Retry-After:%header{retry-after}\n" -u demo:demo \
    -F file=@"$work/f$i.pdf" localhost:$port/api/invoices &
done > "$work/codes.txt"
wait $(jobs -p | grep -vx "$pid") 2>/dev/null || true
echo "max-concurrent-uploads=$limit"
sort "$work/codes.txt" | uniq -c
echo "OutOfMemoryError in the log: $(grep -c OutOfMemoryError "$work/app.log" || true)"
