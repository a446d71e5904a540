/**
 * The offline model's network: one `Gather` that looks each token id up in
 * the embedding table and returns the rows as `last_hidden_state`, the
 * output every Transformers.js feature-extraction model has. Serialised with
 * the ONNX protobuf schema from `onnx-proto`.
 */
export async function gatherEmbeddingModel(table: Float32Array, rows: number, dimensions: number): Promise<Uint8Array> {
  // Loaded when a model is built, not by every command that starts (0.01 s).
  const { onnx } = (await import('onnx-proto')).default;
  const dynamic = (names: string[]) => ({ dim: names.map((dimParam) => ({ dimParam })) });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'ancre',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'static_subword_embeddings',
      node: [
        {
          opType: 'Gather',
          name: 'lookup',
          input: ['embeddings', 'input_ids'],
          output: ['last_hidden_state'],
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        },
      ],
      initializer: [
        {
          name: 'embeddings',
          dataType: onnx.TensorProto.DataType.FLOAT,
          dims: [rows, dimensions],
          rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
        },
      ],
      input: [
        {
          name: 'input_ids',
          type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: dynamic(['batch_size', 'sequence_length']) } },
        },
      ],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: {
              elemType: onnx.TensorProto.DataType.FLOAT,
              shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: dimensions }] },
            },
          },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
