"""Loaded by schemathesis (SCHEMATHESIS_HOOKS, set by run.py): lets it send the binary uploads the document
describes. Attachments are PDF or Word files; without a serializer schemathesis reports "Serialization not
possible" and never tests the operation. The bytes it generates are not real documents, which is the point."""
import schemathesis

schemathesis.serializer.alias(
    ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
    "application/octet-stream",
)
