using Word2Vec.Torch.Backend;

namespace Word2Vec.Torch.Tests.Backend;

public class ExceptionMessagesTests
{
    [Fact]
    public void AnArgumentsMessageLosesDotNetsParameterAndActualValue()
    {
        var outOfRange = new ArgumentOutOfRangeException("window", 0, "training.window = 0 must be at least 1");
        Assert.Contains("(Parameter 'window')", outOfRange.Message);
        Assert.Contains("Actual value was 0", outOfRange.Message);
        Assert.Equal("training.window = 0 must be at least 1", outOfRange.PlainMessage());

        var argument = new ArgumentException("not a state of this source", "state");
        Assert.Equal("not a state of this source", argument.PlainMessage());
    }

    [Fact]
    public void OtherMessagesStayAsTheyAre()
    {
        Assert.Equal("x.txt: line 3 (Parameter 'y')", new InvalidDataException("x.txt: line 3 (Parameter 'y')").PlainMessage());
        Assert.Equal("no name (Parameter 'z')", new ArgumentException("no name (Parameter 'z')").PlainMessage());
    }
}
