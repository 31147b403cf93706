#!/usr/bin/env python3
"""Writes the test PDFs of ReviewDesk by hand (Python 3 standard library only).

Usage: make_test_pdfs.py OUTPUT_DIR

Everything here is synthetic: no real patient, no real clinician. The files:
  text-3pages.pdf        three pages of text
  scanned-2pages.pdf     two image-only pages (a "scan": grey pixels, no text layer)
  big-500.pdf            500 pages, every third page a scanned image, the rest text
  mixed-sizes.pdf        3 pages: letter, letter landscape, A4
  damaged-xref.pdf       a valid document whose xref offsets and startxref are wrong
  damaged-page.pdf       3 pages that load and render, pages 2 and 3 with errors while drawing: page 2's
                         content stream draws an image it does not have and has garbage operators, page 3's
                         image stream is not valid Flate data (page 1 is clean)
  truncated.pdf          the first half of text-3pages.pdf
  encrypted-secret.pdf   RC4 40-bit (standard security handler R2), user password "secret"
  clinic-note.pdf        orthopaedic clinic note (mentions crouch gait)
  pt-notes.pdf           physical therapy notes, the last page scanned
  referral-letter.pdf    referral letter
"""

import hashlib
import os
import random
import sys
import zlib

PAGE_W, PAGE_H = 612, 792  # US letter, points


def pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out[n] = byte ^ s[(s[i] + s[j]) & 0xFF]
    return bytes(out)


PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


class Pdf:
    """Collects objects; write() lays them out with a correct xref table."""

    def __init__(self):
        self.objects = []  # bytes bodies, object number = index + 1 ("stream" objects hold (dict, data))
        self.pages = []
        self.pages_num = self.reserve()
        self.font_num = self.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        self.font_bold_num = self.add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def add(self, body):
        self.objects.append(body)
        return len(self.objects)

    def add_stream(self, extra_dict, data, compress=True):
        if compress:
            data = zlib.compress(data, 6)
            extra_dict = extra_dict + b" /Filter /FlateDecode"
        self.objects.append((extra_dict, data))
        return len(self.objects)

    def add_page(self, content, images=None, size=(PAGE_W, PAGE_H)):
        images = images or {}
        xobjects = b"".join(b"/%s %d 0 R " % (name.encode(), num) for name, num in images.items())
        resources = b"<< /Font << /F1 %d 0 R /F2 %d 0 R >>" % (self.font_num, self.font_bold_num)
        if xobjects:
            resources += b" /XObject << " + xobjects + b">>"
        resources += b" >>"
        content_num = self.add_stream(b"", content)
        page_num = self.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
                            % (self.pages_num, size[0], size[1], resources, content_num))
        self.pages.append(page_num)

    def text_page(self, title, paragraphs, footer=None):
        ops = [b"BT", b"/F2 15 Tf", b"72 740 Td", b"(%s) Tj" % pdf_escape(title).encode("cp1252"), b"ET"]
        y = 712
        for para in paragraphs:
            for line in wrap(para, 92):
                if y < 72:
                    break
                ops += [b"BT", b"/F1 10.5 Tf", b"72 %d Td" % y, b"(%s) Tj" % pdf_escape(line).encode("cp1252"), b"ET"]
                y -= 14
            y -= 8
        if footer:
            ops += [b"BT", b"/F1 8 Tf", b"72 40 Td", b"(%s) Tj" % pdf_escape(footer).encode("cp1252"), b"ET"]
        self.add_page(b"\n".join(ops))

    def scanned_page(self, seed):
        width, height = 850, 1100
        img = self.add_stream(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                              b"/BitsPerComponent 8" % (width, height), scan_pixels(width, height, seed))
        # The stream dictionary is left open here; write() appends /Length and closes it.
        content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (PAGE_W, PAGE_H)
        self.add_page(content, {"Im1": img})

    def write(self, path, encrypt_password=None, damage_xref=False):
        catalog = self.add(b"<< /Type /Catalog /Pages %d 0 R >>" % self.pages_num)
        kids = b" ".join(b"%d 0 R" % p for p in self.pages)
        self.objects[self.pages_num - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self.pages))
        file_id = hashlib.md5(path.encode() + str(len(self.objects)).encode()).digest()

        encrypt_num = None
        file_key = None
        if encrypt_password is not None:
            owner = (b"owner-" + encrypt_password.encode() + PASSWORD_PAD)[:32]
            user = (encrypt_password.encode() + PASSWORD_PAD)[:32]
            owner_key = hashlib.md5(owner).digest()[:5]
            o_entry = rc4(owner_key, user)
            p_value = -44
            file_key = hashlib.md5(user + o_entry + (p_value & 0xFFFFFFFF).to_bytes(4, "little") + file_id).digest()[:5]
            u_entry = rc4(file_key, PASSWORD_PAD)
            encrypt_num = self.add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                                   % (o_entry.hex().encode(), u_entry.hex().encode(), p_value))

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for index, body in enumerate(self.objects):
            num = index + 1
            offsets.append(len(out))
            out += b"%d 0 obj\n" % num
            if isinstance(body, tuple):
                extra, data = body
                if file_key is not None:
                    object_key = hashlib.md5(file_key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
                    data = rc4(object_key, data)
                if extra.startswith(b"<<"):
                    head = extra + b" /Length %d >>" % len(data)
                else:
                    head = b"<< " + extra + b" /Length %d >>" % len(data)
                out += head + b"\nstream\n" + data + b"\nendstream"
            else:
                out += body
            out += b"\nendobj\n"
        xref_offset = len(out)
        shift = 7 if damage_xref else 0
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % (off + shift)
        trailer = b"<< /Size %d /Root %d 0 R /ID [<%s> <%s>]" % (len(self.objects) + 1, catalog, file_id.hex().encode(),
                                                                   file_id.hex().encode())
        if encrypt_num:
            trailer += b" /Encrypt %d 0 R" % encrypt_num
        trailer += b" >>"
        out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % (xref_offset + (123 if damage_xref else 0))
        with open(path, "wb") as f:
            f.write(out)
        return bytes(out)


def wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word) if line else word
    if line:
        lines.append(line)
    return lines


def scan_pixels(width, height, seed):
    """Grey page with dark "words" in lines, speckle noise and a slight grey cast, like a fax."""
    rnd = random.Random(seed)
    backgrounds = []
    for _ in range(8):
        row = bytearray(rnd.randrange(226, 246) for _ in range(width))
        for _ in range(6):
            row[rnd.randrange(width)] = rnd.randrange(60, 160)
        backgrounds.append(bytes(row))
    rows = []
    y = 0
    margin = 90
    while y < height:
        in_text = 95 < y < height - 110 and rnd.random() < 0.9
        if not in_text:
            rows.append(backgrounds[rnd.randrange(8)])
            y += 1
            continue
        # One text line: 11 dark rows of word blobs, then 9 rows of gap.
        line = bytearray(backgrounds[rnd.randrange(8)])
        x = margin + rnd.randrange(0, 20)
        right = width - margin - rnd.randrange(0, 160)
        while x < right:
            word = rnd.randrange(12, 70)
            end = min(x + word, right)
            ink = rnd.randrange(25, 70)
            line[x:end] = bytes([ink]) * (end - x)
            x = end + rnd.randrange(7, 14)
        line_bytes = bytes(line)
        for k in range(11):
            if y >= height:
                break
            rows.append(line_bytes if k % 4 else backgrounds[rnd.randrange(8)])
            y += 1
        for _ in range(9):
            if y >= height:
                break
            rows.append(backgrounds[rnd.randrange(8)])
            y += 1
        if rnd.random() < 0.08:
            for _ in range(20):
                rows.append(backgrounds[rnd.randrange(8)])
                y += 1
    return b"".join(rows[:height])


LOREM = ("Patient tolerated the session well. Vital signs stable. Range of motion measured with a goniometer. "
         "Home exercise program reviewed with caregiver. Plan discussed and questions answered. "
         "Continue current medications as listed. No falls reported since the last visit.")


def make_text_3pages(out):
    pdf = Pdf()
    for n in range(1, 4):
        pdf.text_page("Synthetic text document, page %d" % n,
                      ["This is page %d of a synthetic test document for ReviewDesk." % n,
                       "Unique marker: alpha-%d-omega." % n, LOREM],
                      footer="Synthetic test data - no real patient")
    return pdf.write(os.path.join(out, "text-3pages.pdf"))


def make_scanned(out):
    pdf = Pdf()
    pdf.scanned_page(11)
    pdf.scanned_page(12)
    pdf.write(os.path.join(out, "scanned-2pages.pdf"))


def make_big(out, pages=500):
    pdf = Pdf()
    for n in range(1, pages + 1):
        if n % 3 == 0:
            pdf.scanned_page(1000 + n)
            continue
        paragraphs = ["Record page %d of %d. Unique marker: page-marker-%d." % (n, pages, n), LOREM,
                      "Progress note: gait observed over ten metres; cadence and stride length recorded. " * 3,
                      LOREM]
        if n % 50 == 1:
            paragraphs.append("Assessment: persistent crouch gait with knee flexion contracture.")
        pdf.text_page("Clinical record excerpt %d" % n, paragraphs, footer="Synthetic test data - no real patient")
    pdf.write(os.path.join(out, "big-%d.pdf" % pages))


def make_mixed_sizes(out):
    # Letter, letter landscape, A4: the viewer lays page 1 out before the others are measured.
    pdf = Pdf()
    for n, size in enumerate([(612, 792), (792, 612), (595, 842)], start=1):
        content = b"BT /F2 15 Tf 72 %d Td (Page %d of 3, %d x %d points) Tj ET" % (size[1] - 72, n, size[0], size[1])
        pdf.add_page(content, size=size)
    pdf.write(os.path.join(out, "mixed-sizes.pdf"))


def make_damaged(out):
    pdf = Pdf()
    pdf.text_page("Damaged xref", ["The xref offsets of this file are wrong on purpose.", "Unique marker: repaired-ok."])
    pdf.text_page("Damaged xref, page 2", ["Second page."])
    pdf.write(os.path.join(out, "damaged-xref.pdf"), damage_xref=True)


def make_damaged_page(out):
    # Poppler draws these pages without failing, reporting errors on the way: what the viewer must
    # not pass off as a clean page.
    pdf = Pdf()
    pdf.text_page("Damaged page test, page 1", ["This page is clean. Unique marker: clean-page-one."])
    content = (b"BT /F1 12 Tf 72 720 Td (Page 2: the scan below is missing. Unique marker: damaged-two.) Tj ET\n"
               b"q 468 0 0 600 72 80 cm /ImMissing Do Q\n"
               b"1 0 0 rg 72 60 m xyzzy 540 60 l S 3 0 0 0 0 0 0 0 0 0 0 frobnicate\n")
    pdf.add_page(content)
    width, height = 200, 100
    broken = b"x\x9c" + bytes(random.Random(5).randrange(256) for _ in range(400))
    img = pdf.add_stream(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                         b"/BitsPerComponent 8 /Filter /FlateDecode" % (width, height), broken, compress=False)
    content = (b"BT /F1 12 Tf 72 720 Td (Page 3: the scan below is corrupt. Unique marker: damaged-three.) Tj ET\n"
               b"q 468 0 0 234 72 400 cm /Im1 Do Q\n")
    pdf.add_page(content, {"Im1": img})
    pdf.write(os.path.join(out, "damaged-page.pdf"))


def make_truncated(out, whole):
    with open(os.path.join(out, "truncated.pdf"), "wb") as f:
        f.write(whole[: len(whole) // 2])


def make_encrypted(out):
    pdf = Pdf()
    pdf.text_page("Encrypted document", ["Opened with the password. Unique marker: unlocked-text."])
    pdf.text_page("Encrypted document, page 2", ["Second page."])
    pdf.write(os.path.join(out, "encrypted-secret.pdf"), encrypt_password="secret")


FOOTER = "SYNTHETIC RECORD FOR SOFTWARE TESTING - NOT A REAL PATIENT"


def make_clinic_note(out):
    pdf = Pdf()
    pdf.text_page("Riverside Pediatric Orthopaedics - Clinic Note", [
        "Patient: Alex Testcase    DOB: 2014-03-09    Member ID: TEST-0001    Visit: 2026-10-14",
        "Provider: Dr. Morgan Example, MD (pediatric orthopaedic surgery)",
        "History: 12-year-old with spastic diplegic cerebral palsy, GMFCS level II, referred for worsening "
        "walking tolerance. Family reports increased tripping and fatigue after school. Currently in physical "
        "therapy twice weekly for 14 weeks with limited progress.",
        "Examination: Bilateral hamstring tightness with popliteal angle 65 degrees right and 60 degrees left. "
        "Knee flexion contracture 15 degrees bilaterally. Ankle dorsiflexion to neutral with knee extended.",
        "Gait: Persistent crouch gait with excessive knee flexion through stance, worse at the end of the day. "
        "Observational gait analysis recorded on video; instrumented gait analysis requested.",
        "Imaging: Standing radiographs show patella alta without fracture.",
        "Assessment: Crouch gait due to hamstring contracture in spastic diplegia; conservative care with "
        "physical therapy and night splints for more than 12 weeks has not achieved the functional goals.",
        "Plan: Request authorization for bilateral distal hamstring lengthening. Continue physical therapy. "
        "Follow up in 6 weeks.",
    ], footer=FOOTER)
    pdf.text_page("Clinic Note - page 2", [
        "Medications: baclofen 5 mg three times daily.",
        "Allergies: none known.",
        "Functional status: walks household and short community distances without device; uses a wheelchair "
        "for long distances. Gross Motor Function Measure GMFM-66 score 68.2 (previous 69.0).",
        "Signed electronically: Dr. Morgan Example, MD, 2026-10-14.",
    ], footer=FOOTER)
    pdf.write(os.path.join(out, "clinic-note.pdf"))


def make_pt_notes(out):
    pdf = Pdf()
    visits = [("2026-07-02", "Initial evaluation. Crouch posture in standing; hamstring stretching and "
               "quadriceps strengthening started. Goal: walk 300 m without rest."),
              ("2026-08-13", "Visit 12. Night splints tolerated 6 hours. Knee extension lag unchanged. "
               "Walked 150 m before rest."),
              ("2026-09-24", "Visit 24. Progress plateau. Crouch gait persists; popliteal angle 65 degrees. "
               "Recommend orthopaedic re-evaluation."),
              ("2026-10-08", "Visit 28. Patient and parent report fatigue after school. No falls this month.")]
    pdf.text_page("Lakeside Physical Therapy - Treatment Notes", [
        "Patient: Alex Testcase    DOB: 2014-03-09    Therapist: Jamie Placeholder, PT, DPT"] +
        ["%s: %s" % v for v in visits[:2]], footer=FOOTER)
    pdf.text_page("Treatment Notes (continued)", ["%s: %s" % v for v in visits[2:]] + [
        "Summary: 28 visits over 14 weeks of physical therapy; goals partially met."], footer=FOOTER)
    pdf.scanned_page(77)  # a faxed progress sheet with no text layer
    pdf.write(os.path.join(out, "pt-notes.pdf"))


def make_referral(out):
    pdf = Pdf()
    pdf.text_page("Referral Letter", [
        "Date: 2026-10-16",
        "To: Utilization Review, Example Health Plan",
        "From: Riverside Pediatric Orthopaedics",
        "Re: Alex Testcase, Member ID TEST-0001 - request for prior authorization",
        "We request authorization for bilateral distal hamstring lengthening (CPT 27394) for this patient "
        "with spastic diplegic cerebral palsy and progressive crouch gait. Conservative management including "
        "14 weeks of physical therapy and night splinting has been documented (see enclosed therapy notes). "
        "The procedure is planned at Riverside Children's Hospital on an inpatient basis.",
        "Enclosures: clinic note of 2026-10-14, physical therapy notes, radiograph report.",
        "Sincerely, Dr. Morgan Example, MD",
    ], footer=FOOTER)
    pdf.write(os.path.join(out, "referral-letter.pdf"))


def main():
    # --big N: only big-N.pdf, the record of N pages the benchmarks open at several sizes.
    if len(sys.argv) == 4 and sys.argv[2] == "--big" and sys.argv[3].isdigit():
        os.makedirs(sys.argv[1], exist_ok=True)
        make_big(sys.argv[1], int(sys.argv[3]))
        return 0
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make_test_pdfs.py OUTPUT_DIR [--big PAGES]\n")
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    whole = make_text_3pages(out)
    make_truncated(out, whole)
    make_scanned(out)
    make_damaged(out)
    make_damaged_page(out)
    make_encrypted(out)
    make_clinic_note(out)
    make_pt_notes(out)
    make_referral(out)
    make_big(out)
    make_mixed_sizes(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
