//! A JSON array written one element at a time, for commands over the whole store
//! (`check`, `list`): the first elements reach a pipe at once, memory stays that of one
//! element, and the whole is byte for byte what `serde_json::to_writer_pretty` writes.

use std::io::Write;

use serde::Serialize;

use super::output::OutputError;

/// A pretty JSON array written one element at a time, byte for byte what
/// `serde_json::to_writer_pretty` writes for the whole array, each element flushed as
/// it is written.
pub struct JsonArray<W: Write> {
    sink: W,
    elements: usize,
    /// How deep the array sits in the document: 0 for a whole document, 1 for the
    /// value of a top-level field.
    depth: usize,
}

impl<W: Write> JsonArray<W> {
    pub fn new(sink: W) -> JsonArray<W> {
        JsonArray::nested(sink, 0)
    }

    /// An array that is the value of a field `depth` levels down, its opening key
    /// already written by the caller.
    pub fn nested(sink: W, depth: usize) -> JsonArray<W> {
        JsonArray {
            sink,
            elements: 0,
            depth,
        }
    }

    /// Writes one element, indented as an element of the array, and flushes.
    pub fn push<T: Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        let indent = "  ".repeat(self.depth + 1);
        let opening = if self.elements == 0 { "[\n" } else { ",\n" };
        // Strings in JSON never hold a raw newline, so every newline starts a line to
        // indent.
        let indented = text.replace('\n', &format!("\n{indent}"));
        self.sink
            .write_all(opening.as_bytes())
            .and_then(|()| self.sink.write_all(indent.as_bytes()))
            .and_then(|()| self.sink.write_all(indented.as_bytes()))
            .and_then(|()| self.sink.flush())
            .map_err(OutputError)?;
        self.elements += 1;
        Ok(())
    }

    /// Closes the array (`[]` when it is empty) without ending the line, for a
    /// document that goes on after it, and gives the sink back.
    pub fn close(mut self) -> anyhow::Result<W> {
        let closing = if self.elements == 0 {
            "[]".to_string()
        } else {
            format!("\n{}]", "  ".repeat(self.depth))
        };
        self.sink
            .write_all(closing.as_bytes())
            .map_err(OutputError)?;
        Ok(self.sink)
    }

    /// Closes the array and the document, flushes and gives the sink back.
    pub fn finish(self) -> anyhow::Result<W> {
        let mut sink = self.close()?;
        sink.write_all(b"\n")
            .and_then(|()| sink.flush())
            .map_err(OutputError)?;
        Ok(sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(values: &[serde_json::Value]) -> String {
        let mut array = JsonArray::new(Vec::new());
        for v in values {
            array.push(v).expect("push");
        }
        String::from_utf8(array.finish().expect("finish")).expect("utf-8")
    }

    #[test]
    fn streamed_array_is_the_pretty_array() {
        let cases = [
            vec![],
            vec![serde_json::json!({"a": [1, 2], "b": "x\ny", "c": {}})],
            vec![
                serde_json::json!({"township": "石门乡", "lint": []}),
                serde_json::json!([{"k": null}, "s"]),
                serde_json::json!(3),
            ],
        ];
        for values in cases {
            let whole = serde_json::to_string_pretty(&values).expect("json") + "\n";
            assert_eq!(streamed(&values), whole);
        }
    }
}
